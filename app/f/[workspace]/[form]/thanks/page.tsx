/** Where a plain (no-script) form post lands after it was accepted: the form's thank-you message. */
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { pickLabel, t } from '@/platform/core/i18n';
import { getPool } from '@/platform/db/pool';
import { findPublicForm } from '@/platform/webforms/forms';
import { pageLocale } from '@/platform/webforms/view';
import styles from '@/platform/ui/webforms/publicForm.module.css';

export const dynamic = 'force-dynamic';

export default async function ThanksPage({ params, searchParams }: { params: Promise<{ workspace: string; form: string }>; searchParams: Promise<{ lang?: string }> }) {
  const { workspace, form } = await params;
  const pf = await findPublicForm(getPool(), workspace, form);
  if (!pf) notFound();
  const locale = pageLocale(pf.form, (await searchParams).lang, (await headers()).get('accept-language'));
  return (
    <main className={styles.page} lang={locale}>
      <div className={styles.card}>
        <h1 className={styles.title}>{pickLabel(pf.form.label, locale)}</h1>
        <p role="status" className={styles.thanks}>
          {pf.form.thankYou ? pickLabel(pf.form.thankYou, locale) : t(locale, 'webForm.thanks')}
        </p>
        <a href={`/f/${workspace}/${form}?lang=${locale === 'zh-CN' ? 'zh' : 'en'}`}>{t(locale, 'webForm.back')}</a>
      </div>
    </main>
  );
}
