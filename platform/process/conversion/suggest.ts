/**
 * Account suggestions for a conversion: accounts the caller can see whose normalised name equals
 * the lead's normalised company (exact), or contains it (close). The database narrows by the
 * normalised core with the name's trigram index (a `contains` filter, through the access
 * predicate), and the normaliser decides, so only a page of candidates is read, never the table.
 */
import { listRecords } from '../../data';
import type { RecordContext } from '../../data/context';
import { getRecord } from '../../data/read';
import { conversionOf } from '../../metadata/kinds/conversion';
import { normaliseCompanyName } from '../../rules/normalise/companyName';

export interface AccountSuggestion {
  id: string;
  name: string;
  /** The normalised names are equal (else the account's contains the company's). */
  exact: boolean;
}

const CANDIDATES = 50;

/** Accounts the caller can see that look like this company, best first (at most five). */
export async function suggestAccountsFor(ctx: RecordContext, company: string): Promise<AccountSuggestion[]> {
  const core = normaliseCompanyName(company);
  if ([...core].length < 2) return [];
  const { records } = await listRecords(ctx, 'account', { filter: { field: 'name', op: 'contains', value: core }, limit: CANDIDATES, sort: 'name' });
  return records
    .map((r) => ({ id: String(r.id), name: String(r.name), exact: normaliseCompanyName(String(r.name)) === core }))
    .sort((a, b) => Number(b.exact) - Number(a.exact) || a.name.length - b.name.length)
    .slice(0, 5);
}

/** What the convert dialog starts from: the record, its account suggestions, and whether it is converted already. */
export async function conversionPreview(ctx: RecordContext, object: string, id: string) {
  const def = conversionOf(ctx.security.fullMeta.documents, object);
  const record = await getRecord(ctx, object, id);
  const company = String(record.company ?? '');
  const accounts = def && ctx.security.perms.object(def.account.object).read && company ? await suggestAccountsFor(ctx, company) : [];
  return { convertible: !!def && !record.converted_at, converted: !!record.converted_at, company, accounts };
}
