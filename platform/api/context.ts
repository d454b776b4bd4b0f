/** Build the record-service context for an authenticated principal. */
import type { Locale } from '../core/i18n';
import { chosenLocale } from '../core/locale';
import type { Channel, RecordContext } from '../data/context';
import { getPool } from '../db/pool';
import { refreshPending } from '../schema/backfillPending';
import { ensureConverged } from '../schema/lazy';
import { buildRecordContext } from '../security/context';
import type { Principal } from '../security/principal';

/** `locale`: the request's language (core/locale.ts resolveLocale); without one, the user's choice, else English. */
export async function recordContext(principal: Principal, locale?: Locale, channel: Channel = 'ui'): Promise<RecordContext> {
  // A workspace not converged since the last upgrade is brought up to date on its first request.
  const lang = locale ?? chosenLocale(principal.locale) ?? 'en';
  await ensureConverged(getPool(), principal.workspace, principal.metadataRevision, lang);
  // Columns still being backfilled are computed on read (no query unless a check is due).
  await refreshPending(getPool(), principal.workspace, principal.metadataRevision);
  return buildRecordContext({
    pool: getPool(),
    workspace: principal.workspace,
    user: principal.user,
    locale: lang,
    channel,
    securityRevision: principal.securityRevision,
    metadataRevision: principal.metadataRevision,
  });
}
