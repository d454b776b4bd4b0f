/**
 * The subscription e-mails: a scheduled job (queue `subscriptions`, every minute) claims the due
 * subscriptions, runs each report or dashboard AS THE SUBSCRIBER (their access, their field-level
 * security, their language), renders the figures with a handlebars template and queues the e-mail
 * in the outbox. A subscriber who may no longer open the target gets nothing; the subscription
 * records why. Claiming is a lease (next_run_at pushed ahead in one statement), so runs happen
 * outside any transaction and a crash only delays a run by the lease.
 */
import type pg from 'pg';
import { isAppError } from '../core/errors';
import { hasMessage, pickLabel, t, type Locale } from '../core/i18n';
import { recipientLocale } from '../core/locale';
import { localizeError } from '../core/problems';
import type { RecordContext } from '../data/context';
import { withTransaction } from '../db/pool';
import { enqueueEmails } from '../messaging/outbox';
import { renderTemplate } from '../messaging/templates';
import { reportDefinition } from '../reports/saved';
import { runReport } from '../reports/run';
import type { ReportResult } from '../reports/types';
import { buildRecordContext } from '../security/context';
import { runDashboard } from './run';
import { nextRunAt, type Frequency, type TargetKind } from './subscriptions';
import type { DashboardFilterInput } from './filters';

/** Subscriptions handled per job run; the rest wait for the next minute. */
const BATCH = 20;
/** How long a claimed subscription is held before another run may take it again. */
const LEASE_MINUTES = 15;
/** Groups of each component listed in the e-mail. */
const TOP_GROUPS = 5;

/** One layout for both languages: every word in it comes from the catalog in the subscriber's language. */
const TEMPLATE = `{{greeting}}

{{title}}{{#if filters}} ({{filters}}){{/if}}

{{#each parts}}■ {{title}}
{{#if error}}  {{error}}
{{else}}{{#each totals}}  {{label}}: {{value}}
{{/each}}{{#each top}}    · {{label}}{{#if value}}: {{value}}{{/if}}
{{/each}}{{#if note}}  {{note}}
{{/if}}{{/if}}
{{/each}}{{openLabel}}: {{link}}

{{footer}}
`;

interface Part {
  title: string;
  error?: string;
  totals: { label: string; value: string }[];
  top: { label: string; value: string }[];
  note?: string;
}

/** A figure as the subscriber reads numbers (grouping, decimals, percents). */
function figure(value: number | null | undefined, locale: Locale, percent = false): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, percent ? { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: 2 }).format(value);
}

/** The totals and the top groups of one report result, in the subscriber's language. */
export function summarise(title: string, result: ReportResult, locale: Locale, measure?: string): Part {
  // The result says how each formula reads; a percent formula's figure is the ratio (0.45 for 45 %).
  const percent = new Set(result.columns.filter((c) => c.type === 'formula' && c.format === 'percent').map((c) => c.key));
  const measures = result.columns.filter((c) => c.type === 'aggregate' || c.type === 'formula');
  const totals = measures.map((c) => ({ label: c.label, value: figure(result.totals[c.key], locale, percent.has(c.key)) }));
  const lead = measure && measures.some((c) => c.key === measure) ? measure : measures[0]?.key;
  const top = lead ? [...result.groups].sort((a, b) => (b.aggregates[lead] ?? -Infinity) - (a.aggregates[lead] ?? -Infinity)).slice(0, TOP_GROUPS) : [];
  const part: Part = { title, totals, top: top.map((g) => ({ label: g.label, value: figure(g.aggregates[lead!], locale, percent.has(lead!)) })) };
  if (!result.groups.length && result.rows.length) {
    // A list (tabular report): its first rows by their first column, and how many there are.
    const first = result.columns[0]?.key;
    part.top = result.rows.slice(0, TOP_GROUPS).map((r) => ({ label: String(r[first] ?? '—'), value: '' }));
    part.totals.unshift({ label: t(locale, 'subscription.total'), value: t(locale, 'subscription.rows', { count: result.rowCount }) });
  }
  if (result.groups.length > TOP_GROUPS || result.truncated) part.note = t(locale, 'subscription.truncated');
  return part;
}

function baseUrl(): string {
  return (process.env.TESSERA_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}

/** The page of a report or dashboard, with the dashboard filters in its address (as the screens keep them). */
function linkOf(kind: TargetKind, name: string, filters: DashboardFilterInput | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters ?? {})) if (typeof v === 'string') q.set(k === 'period' ? 'date' : k, v);
  const query = q.toString();
  return `${baseUrl()}/${kind === 'report' ? 'reports' : 'dashboards'}/${encodeURIComponent(name)}${query ? `?${query}` : ''}`;
}

interface Due {
  id: string;
  workspace_id: string;
  user_id: string;
  target_kind: TargetKind;
  target: string;
  filters: DashboardFilterInput | null;
  frequency: Frequency;
  hour: number;
  weekday: number | null;
  name: string;
  email: string;
  active: boolean;
  is_admin: boolean;
  locale: string | null;
  browser_locale: string | null;
  ws_name: string;
  schema_name: string;
}

/** Claim due subscriptions (one statement: the lease is taken by pushing next_run_at ahead). */
async function claim(pool: pg.Pool, now: Date, workspaceId?: string): Promise<Due[]> {
  const res = await pool.query<Due>(
    `WITH due AS (
       SELECT id FROM report_subscriptions WHERE next_run_at <= $1 AND ($3::uuid IS NULL OR workspace_id = $3) ORDER BY next_run_at LIMIT $2 FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE report_subscriptions s SET next_run_at = $1::timestamptz + make_interval(mins => ${LEASE_MINUTES}) FROM due WHERE s.id = due.id RETURNING s.*
     )
     SELECT c.id, c.workspace_id, c.user_id, c.target_kind, c.target, c.filters, c.frequency, c.hour, c.weekday,
            u.name, u.email, u.active, u.is_admin, u.locale, u.browser_locale, w.name AS ws_name, w.schema_name
       FROM claimed c JOIN users u ON u.id = c.user_id JOIN workspaces w ON w.id = c.workspace_id`,
    [now.toISOString(), BATCH, workspaceId ?? null],
  );
  return res.rows;
}

/** Run the target as the subscriber and render the e-mail; throws what the run threw (lost access included). */
async function compose(ctx: RecordContext, s: Due): Promise<{ subject: string; body: string }> {
  const locale = ctx.locale;
  let title: string;
  let parts: Part[];
  let filters = '';
  if (s.target_kind === 'report') {
    const def = reportDefinition(ctx, s.target);
    title = pickLabel(def.label, locale);
    parts = [summarise(title, await runReport(ctx, def), locale, def.chart?.measure)];
  } else {
    const view = await runDashboard(ctx, s.target, s.filters ?? {});
    title = view.label;
    const period = typeof view.filters.date === 'string' ? `ui.period.${view.filters.date}` : '';
    filters = [period && hasMessage(period) ? t(locale, period) : '', view.filters.owner === '$me' ? ctx.user.name : ''].filter(Boolean).join(', ');
    parts = view.components.map((c) => {
      if (c.error) return { title: c.title, error: c.error.message, totals: [], top: [] };
      if (c.type === 'approvals') {
        const n = c.approvals?.total ?? 0;
        return { title: c.title, totals: [], top: [], note: n ? t(locale, 'subscription.approvals', { count: n }) : t(locale, 'subscription.noApprovals') };
      }
      return summarise(c.title, c.result!, locale, c.chart?.measure);
    });
  }
  const body = renderTemplate(TEMPLATE, {
    greeting: t(locale, 'subscription.greeting', { name: s.name }),
    title,
    filters,
    parts,
    openLabel: t(locale, 'subscription.open'),
    link: linkOf(s.target_kind, s.target, s.filters),
    footer: t(locale, 'subscription.footer'),
  });
  return { subject: t(locale, s.frequency === 'weekly' ? 'subscription.subject.weekly' : 'subscription.subject.daily', { title }), body };
}

/** Send the due subscription e-mails (the `subscriptions` job); returns what happened to each. */
export async function runDueSubscriptions(pool: pg.Pool, now = new Date(), opts: { workspaceId?: string } = {}): Promise<{ sent: number; skipped: number; failed: number }> {
  const out = { sent: 0, skipped: 0, failed: 0 };
  for (const s of await claim(pool, now, opts.workspaceId)) {
    const locale = recipientLocale(s.locale, s.browser_locale);
    let status: 'sent' | 'skipped' | 'failed' = 'sent';
    let error: string | null = null;
    let email: { subject: string; body: string } | null = null;
    if (!s.active) {
      status = 'skipped';
      error = t(locale, 'subscription.inactive');
    } else {
      try {
        const ctx = await buildRecordContext({
          pool,
          workspace: { id: s.workspace_id, name: s.ws_name, schema: s.schema_name },
          user: { id: s.user_id, name: s.name, email: s.email, isAdmin: s.is_admin },
          locale,
          channel: 'system',
        });
        email = await compose(ctx, s);
      } catch (e) {
        // Lost access (the report or dashboard is no longer theirs to open) is a skip; anything else a failure to look at.
        status = isAppError(e) && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN') ? 'skipped' : 'failed';
        error = isAppError(e) ? localizeError(e, locale).message : String((e as Error)?.message ?? e).slice(0, 1000);
        if (status === 'failed') console.error('[subscriptions]', s.id, e);
      }
    }
    out[status]++;
    const next = nextRunAt({ frequency: s.frequency, hour: s.hour, weekday: s.weekday }, now);
    await withTransaction(pool, async (client) => {
      if (email) await enqueueEmails(client, [{ workspaceId: s.workspace_id, to: s.email, subject: email.subject, body: email.body }]);
      await client.query('UPDATE report_subscriptions SET next_run_at = $2, last_run_at = $3, last_status = $4, last_error = $5 WHERE id = $1', [
        s.id,
        next.toISOString(),
        now.toISOString(),
        status,
        error,
      ]);
    });
  }
  return out;
}
