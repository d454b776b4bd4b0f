/** The body of a conversion (REST and tRPC alike), checked with a pointer at each fault. */
import { AppError, type ErrorDetail } from '../../core/errors';
import { t } from '../../core/i18n';
import type { RecordContext } from '../../data/context';
import { isRecordId } from '../../data/read';

/** Link an existing record, or create one (mapped values overlaid with these). */
export type ConvertPick = { id: string } | { create: Record<string, unknown> };

export interface ConvertRequest {
  account: ConvertPick;
  contact: ConvertPick;
  /** Values for the opportunity (overlaid on the mapped and default ones), or null for none. */
  opportunity: Record<string, unknown> | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pick(ctx: RecordContext, v: unknown, at: string, errors: ErrorDetail[]): ConvertPick {
  if (v === undefined) return { create: {} };
  const bad = (pointer: string, key: 'conversion.body.pick' | 'conversion.body.id' | 'conversion.body.values') => {
    errors.push({ pointer, code: key, message: t(ctx.locale, key) });
    return { create: {} };
  };
  if (!isObject(v) || Object.keys(v).length !== 1 || !('id' in v || 'create' in v)) return bad(at, 'conversion.body.pick');
  if ('id' in v) return isRecordId(v.id) ? { id: String(v.id).toLowerCase() } : bad(`${at}/id`, 'conversion.body.id');
  return isObject(v.create) ? { create: v.create } : bad(`${at}/create`, 'conversion.body.values');
}

/** The conversion asked for; 400 naming each malformed part. */
export function parseConvertRequest(ctx: RecordContext, body: unknown): ConvertRequest {
  const errors: ErrorDetail[] = [];
  const b = isObject(body) ? body : {};
  if (!isObject(body)) errors.push({ pointer: '/', code: 'request.bodyObject', message: t(ctx.locale, 'request.bodyObject') });
  for (const key of Object.keys(b)) {
    if (!['account', 'contact', 'opportunity'].includes(key))
      errors.push({ pointer: `/${key}`, code: 'conversion.body.unknown', message: t(ctx.locale, 'conversion.body.unknown', { key }) });
  }
  const account = pick(ctx, b.account, '/account', errors);
  const contact = pick(ctx, b.contact, '/contact', errors);
  let opportunity: Record<string, unknown> | null = null;
  if (isObject(b.opportunity)) opportunity = b.opportunity;
  else if (b.opportunity !== undefined && b.opportunity !== null)
    errors.push({ pointer: '/opportunity', code: 'conversion.body.values', message: t(ctx.locale, 'conversion.body.values') });
  if (errors.length) throw new AppError('BAD_REQUEST', errors[0].message, errors);
  return { account, contact, opportunity };
}
