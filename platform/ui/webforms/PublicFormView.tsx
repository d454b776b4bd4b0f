'use client';
/**
 * A public web form's page body. Rendered on the server as a plain HTML form that posts to the
 * public endpoint (works without JavaScript: the endpoint redirects to the thank-you page or back
 * here with the errors); once hydrated it posts with fetch and shows each field's error inline,
 * linked by aria-describedby, focusing the first. No Ant Design: the page stays light.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { PublicFormViewModel, ViewField } from '../../webforms/shape';
import styles from './publicForm.module.css';

type Values = Record<string, string | string[]>;

function collect(form: HTMLFormElement): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new FormData(form)) {
    if (typeof v !== 'string') continue;
    const prior = out[k];
    out[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
  }
  return out;
}

function Control({ f, value, error, choose }: { f: ViewField; value: string | string[] | undefined; error?: string; choose: string }) {
  const id = `f_${f.name}`;
  const a11y = { id, name: f.name, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}_error` : undefined, 'aria-required': f.required || undefined };
  const text = typeof value === 'string' ? value : undefined;
  switch (f.widget) {
    case 'textarea':
      return <textarea {...a11y} className={styles.input} rows={4} defaultValue={text} placeholder={f.placeholder} maxLength={f.maxLength} />;
    case 'select':
      return (
        <select {...a11y} className={styles.input} defaultValue={text ?? ''}>
          <option value="">{choose}</option>
          {f.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'checkbox':
      return <input {...a11y} type="checkbox" value="true" defaultChecked={text === 'true'} className={styles.check} />;
    case 'number':
      return <input {...a11y} type="text" inputMode="decimal" className={styles.input} defaultValue={text} placeholder={f.placeholder} />;
    default:
      return <input {...a11y} type={f.widget} className={styles.input} defaultValue={text} placeholder={f.placeholder} maxLength={f.maxLength} autoComplete={autocomplete(f)} />;
  }
}

/** Browser autofill hints for the usual contact fields. */
function autocomplete(f: ViewField): string | undefined {
  return { name: 'name', company: 'organization', email: 'email', phone: 'tel', mobile: 'tel', title: 'organization-title' }[f.name];
}

function Field({ f, values, error, choose }: { f: ViewField; values: Values; error?: string; choose: string }) {
  const id = `f_${f.name}`;
  const mark = f.required ? (
    <span className={styles.required} aria-hidden="true">
      {' *'}
    </span>
  ) : null;
  const errorLine = error ? (
    <p id={`${id}_error`} className={styles.error}>
      {error}
    </p>
  ) : null;
  if (f.widget === 'checkboxes') {
    const chosen = new Set(Array.isArray(values[f.name]) ? (values[f.name] as string[]) : values[f.name] ? [values[f.name] as string] : []);
    return (
      <fieldset className={styles.field} aria-describedby={error ? `${id}_error` : undefined}>
        <legend className={styles.label}>
          {f.label}
          {mark}
        </legend>
        {f.options?.map((o) => (
          <label key={o.value} className={styles.option}>
            <input type="checkbox" name={f.name} value={o.value} defaultChecked={chosen.has(o.value)} className={styles.check} /> {o.label}
          </label>
        ))}
        {errorLine}
      </fieldset>
    );
  }
  return (
    <div className={f.widget === 'checkbox' ? `${styles.field} ${styles.inline}` : styles.field}>
      <label htmlFor={id} className={styles.label}>
        {f.label}
        {mark}
      </label>
      <Control f={f} value={values[f.name]} error={error} choose={choose} />
      {errorLine}
    </div>
  );
}

/** The form, its errors and, after a scripted submission, the thank-you message. */
export function PublicFormView({ view, preview }: { view: PublicFormViewModel; preview?: boolean }) {
  const [errors, setErrors] = useState<Record<string, string>>(view.errors);
  const [formError, setFormError] = useState<string | undefined>(view.formError ?? (Object.keys(view.errors).length ? view.text.fix : undefined));
  const [thanks, setThanks] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (preview) return;
    const form = e.currentTarget;
    setSending(true);
    try {
      const res = await fetch(view.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ ...collect(form), lang: view.lang }),
      });
      const body = await res.json().catch(() => null);
      if (res.ok) {
        if (body?.redirect) window.location.assign(body.redirect);
        else setThanks(body?.message ?? '');
        // The form was long: show the message from the top of the card, title included.
        requestAnimationFrame(() => {
          window.scrollTo(0, 0);
          doneRef.current?.focus({ preventScroll: true });
        });
        return;
      }
      const details: { field?: string; message: string }[] = body?.error?.details ?? [];
      const byField: Record<string, string> = {};
      for (const d of details) if (d.field && view.fields.some((f) => f.name === d.field)) byField[d.field] ??= d.message;
      setErrors(byField);
      setFormError(Object.keys(byField).length ? view.text.fix : (body?.error?.message ?? view.text.failed));
      const first = view.fields.find((f) => byField[f.name]);
      if (first) requestAnimationFrame(() => (form.querySelector(`[name="${first.name}"]`) as HTMLElement | null)?.focus());
    } catch {
      setFormError(view.text.failed);
    } finally {
      setSending(false);
    }
  }

  if (thanks !== null) {
    return (
      <p ref={doneRef} tabIndex={-1} role="status" className={styles.thanks}>
        {thanks}
      </p>
    );
  }
  return (
    <form ref={formRef} method="post" action={`${view.action}?lang=${view.lang}`} onSubmit={onSubmit} noValidate className={styles.form}>
      {formError ? (
        <p role="alert" className={styles.alert}>
          {formError}
        </p>
      ) : null}
      {view.fields.map((f) => (
        <Field key={f.name} f={f} values={view.values} error={errors[f.name]} choose={view.text.choose} />
      ))}
      {/* Only robots fill this in: off screen and out of the accessibility tree. */}
      <div className={styles.honeypot} aria-hidden="true">
        <label htmlFor={`f_${view.honeypot}`}>{view.text.honeypot}</label>
        <input id={`f_${view.honeypot}`} name={view.honeypot} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <input type="hidden" name="lang" value={view.lang} />
      <button type="submit" className={styles.submit} disabled={sending} aria-busy={sending || undefined}>
        {sending ? view.text.sending : view.text.submit}
      </button>
    </form>
  );
}
