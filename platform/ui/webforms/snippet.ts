/** The embeddable HTML a designer copies: a plain form posting to the public endpoint, and a fetch() version that stays on the page. */
import type { PublicFormViewModel } from '../../webforms/shape';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function control(f: PublicFormViewModel['fields'][number]): string {
  const req = f.required ? ' required' : '';
  if (f.widget === 'textarea') return `<textarea name="${f.name}" rows="4"${req}></textarea>`;
  if (f.widget === 'select')
    return `<select name="${f.name}"${req}>\n      <option value=""></option>\n${(f.options ?? []).map((o) => `      <option value="${esc(o.value)}">${esc(o.label)}</option>`).join('\n')}\n    </select>`;
  if (f.widget === 'checkbox') return `<input type="checkbox" name="${f.name}" value="true">`;
  if (f.widget === 'checkboxes')
    return (f.options ?? []).map((o) => `<label><input type="checkbox" name="${f.name}" value="${esc(o.value)}"> ${esc(o.label)}</label>`).join('\n    ');
  return `<input type="${f.widget === 'number' ? 'text' : f.widget}" name="${f.name}"${req}>`;
}

/** The plain HTML form (no script needed: the endpoint answers a browser with the thank-you page). */
export function htmlSnippet(origin: string, view: PublicFormViewModel): string {
  const fields = view.fields.map(
    (f) => `  <p>\n    <label for="tessera_${f.name}">${esc(f.label)}</label>\n    ${control(f).replace(`name="${f.name}"`, `id="tessera_${f.name}" name="${f.name}"`)}\n  </p>`,
  );
  return [
    `<form id="tessera-form" action="${origin}${view.action}?lang=${view.lang}" method="post" accept-charset="utf-8">`,
    ...fields,
    `  <div style="position:absolute;left:-10000px" aria-hidden="true"><input name="${view.honeypot}" tabindex="-1" autocomplete="off"></div>`,
    `  <button type="submit">${esc(view.text.submit)}</button>`,
    `</form>`,
  ].join('\n');
}

/** A script that sends the same form with fetch() and shows the answer in place. */
export function fetchSnippet(origin: string, view: PublicFormViewModel): string {
  return `<script>
document.getElementById('tessera-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const data = {};
  for (const [k, v] of new FormData(e.target)) data[k] = k in data ? [].concat(data[k], v) : v;
  const res = await fetch('${origin}${view.action}', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': '${view.lang === 'zh' ? 'zh-CN' : 'en'}' },
    body: JSON.stringify(data),
  });
  const body = await res.json();
  // 200: { ok, message } — 422: { error: { details: [{ field, message }] } } — 429: try again later
  e.target.insertAdjacentText('beforeend', res.ok ? body.message : body.error.details.map((d) => d.message).join('; '));
});
</script>`;
}
