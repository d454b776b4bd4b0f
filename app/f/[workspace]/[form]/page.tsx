/** The public page of a web form: no session, no app shell (platform/webforms/view.ts, platform/ui/webforms). */
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getPool } from '@/platform/db/pool';
import { findPublicForm } from '@/platform/webforms/forms';
import { pageLocale, publicFormView } from '@/platform/webforms/view';
import { PublicFormView } from '@/platform/ui/webforms/PublicFormView';
import styles from '@/platform/ui/webforms/publicForm.module.css';

export const dynamic = 'force-dynamic';

type Params = { workspace: string; form: string };
type Search = { lang?: string | string[]; submission?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { workspace, form } = await params;
  const pf = await findPublicForm(getPool(), workspace, form);
  return { title: pf ? (pf.form.label.zh === pf.form.label.en ? pf.form.label.en : `${pf.form.label.zh} · ${pf.form.label.en}`) : 'Tessera' };
}

export default async function PublicFormPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { workspace, form } = await params;
  const search = await searchParams;
  const pf = await findPublicForm(getPool(), workspace, form);
  if (!pf) notFound();
  const locale = pageLocale(pf.form, one(search.lang), (await headers()).get('accept-language'));
  const view = await publicFormView(getPool(), pf, locale, one(search.submission));
  const other = view.lang === 'zh' ? 'en' : 'zh';
  return (
    <main className={styles.page} lang={locale}>
      <div className={styles.card}>
        <a className={styles.lang} href={`/f/${workspace}/${form}?lang=${other}`} lang={other === 'zh' ? 'zh-CN' : 'en'}>
          {view.text.other}
        </a>
        <h1 className={styles.title}>{view.title}</h1>
        {view.description ? <p className={styles.description}>{view.description}</p> : null}
        <PublicFormView view={view} />
      </div>
    </main>
  );
}
