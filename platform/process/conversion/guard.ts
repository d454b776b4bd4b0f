/**
 * A converted record (a lead) is read-only on every channel: the write step `conversion.converted`
 * refuses updates once it is converted (409), and its conversion links are set only by the convert
 * service, which marks the contexts it writes with. Its owner may still change (change owner, a
 * leaving rep's transfer), so a converted lead is never stranded with someone who left.
 */
import { AppError } from '../../core/errors';
import { pickLabel, t } from '../../core/i18n';
import type { RecordContext } from '../../data/context';
import type { WriteStep } from '../../data/steps';
import { conversionOf } from '../../metadata/kinds/conversion';

/** The fields conversion fills on the converted record. */
export const CONVERTED_FIELDS = ['converted_account', 'converted_contact', 'converted_opportunity', 'converted_at'] as const;

const converting = new WeakSet<RecordContext>();

/** Mark a context as the convert service's own: its writes may set the conversion links. */
export function asConverter(ctx: RecordContext): RecordContext {
  converting.add(ctx);
  return ctx;
}

/** The 409 a converted record answers. */
export function convertedError(ctx: RecordContext, objectLabel: { en: string; zh: string }): AppError {
  const message = t(ctx.locale, 'conversion.converted', { object: pickLabel(objectLabel, ctx.locale) });
  return new AppError('CONFLICT', message, [{ code: 'conversion.converted', message }]);
}

export const convertedStep: WriteStep = {
  name: 'conversion.converted',
  phase: 'beforeValidation',
  modes: ['create', 'update'],
  run(ctx, _client, write) {
    if (write.bulk || !conversionOf(ctx.security.fullMeta.documents, write.full.name)) return;
    const ownerOnly = write.own.size > 0 && [...write.own].every((k) => k === 'owner');
    if (write.mode === 'update' && write.prior?.converted_at && !ownerOnly) throw convertedError(ctx, write.full.label);
    if (converting.has(ctx)) return;
    for (const name of CONVERTED_FIELDS) {
      const f = write.full.fieldMap.get(name);
      if (f && write.own.has(name)) write.errors.push({ field: name, code: 'readOnly', message: t(ctx.locale, 'validation.readOnly', { label: pickLabel(f.label, ctx.locale) }) });
    }
  },
};
