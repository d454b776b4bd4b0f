/**
 * What the public page shows of a form, in the visitor's language (shape.ts), and, when the browser
 * came back from a failed plain-HTML post, the values it sent and each field's error.
 */
import type pg from 'pg';
import { t, type Locale } from '../core/i18n';
import { browserLocale, chosenLocale } from '../core/locale';
import type { WebFormDefinition } from '../metadata/generated/web_form';
import type { PublicForm } from './forms';
import { formViewModel, type PublicFormViewModel, type ViewText } from './shape';

/** The visitor's language on the page: `?lang=`, then the browser's, then the form's own, then English. */
export function pageLocale(form: WebFormDefinition, query: string | undefined, acceptLanguage: string | null): Locale {
  return chosenLocale(query) ?? browserLocale(acceptLanguage) ?? chosenLocale(form.language) ?? 'en';
}

/** The page's texts in a language. */
export function viewText(locale: Locale): ViewText {
  return {
    submit: t(locale, 'webForm.submit'),
    sending: t(locale, 'webForm.sending'),
    fix: t(locale, 'webForm.fix'),
    honeypot: t(locale, 'webForm.honeypotLabel'),
    choose: t(locale, 'webForm.choose'),
    failed: t(locale, 'webForm.failedRetry'),
    other: locale === 'zh-CN' ? 'English' : '中文',
  };
}

/** The page's view of a form; with `submission`, the values and errors of a failed post of this form. */
export async function publicFormView(pool: pg.Pool, pf: PublicForm, locale: Locale, submission?: string): Promise<PublicFormViewModel> {
  const obj = pf.meta.objects.get(pf.form.object)!;
  const view = formViewModel(pf.workspace.name, pf.form, (n) => obj.fieldMap.get(n), locale, viewText(locale));
  if (submission && /^[0-9a-f-]{36}$/i.test(submission)) {
    // Only a failed submission of this very form, from the last hour: the id is the visitor's own redirect.
    const res = await pool.query<{ body: Record<string, unknown>; errors: { field?: string; message: string }[] | null }>(
      `SELECT body, errors FROM form_submissions WHERE id = $1 AND workspace_id = $2 AND form = $3 AND status = 'failed' AND received_at > now() - interval '1 hour'`,
      [submission, pf.workspace.id, pf.form.name],
    );
    const row = res.rows[0];
    if (row) {
      for (const f of view.fields) {
        const v = row.body[f.name];
        if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) view.values[f.name] = v as string | string[];
      }
      for (const e of row.errors ?? []) {
        if (e.field && view.fields.some((f) => f.name === e.field)) view.errors[e.field] ??= e.message;
        else view.formError ??= e.message;
      }
    }
  }
  return view;
}
