/**
 * The validation step of record writes (phase `validate`, create and update): form rules
 * (visible-if, required-if, read-only-if) and the object's validation rules, judged on the record as
 * it will read after the save. Problems join the write's errors, reported with every other check's.
 */
import { pickLabel, t } from '../core/i18n';
import { settle } from '../data/env';
import type { WriteStep } from '../data/steps';
import { evaluateCondition } from './conditions/evaluate';
import type { CheckedFormula } from './formula';
import { holds, isBlank, same } from './recordTests';

export const validationStep: WriteStep = {
  name: 'rules.validation',
  phase: 'validate',
  modes: ['create', 'update'],
  formulas: (full) => full.rules.flatMap((r): CheckedFormula[] => (r.errorWhen.kind === 'formula' ? [r.errorWhen.formula] : [])),
  async run(ctx, client, write) {
    const { full, mode, input, own, prior, errors } = write;
    if (!full.rules.length && !full.formRules.size) return;
    const env = await settle(ctx, client!, write);
    const record = write.record;
    const label = (name: string) => pickLabel(full.fieldMap.get(name)?.label, ctx.locale);
    const when = { userId: ctx.user.id, today: env.at.today, timeZone: env.at.timeZone, fiscalYearStartMonth: ctx.workspace.fiscalYearStartMonth };
    for (const [name, r] of full.formRules) {
      const visible = r.visible ? evaluateCondition(r.visible, record, when) : true;
      if (!visible) {
        // A default of a field that does not apply is not the caller's choice: it is left out.
        if (mode === 'create' && own.has(name) && same(input[name], full.fieldMap.get(name)?.default)) {
          delete input[name];
          record[name] = null;
          continue;
        }
        if (own.has(name) && !isBlank(input[name]) && !same(input[name], prior?.[name])) {
          errors.push({ field: name, pointer: `/${name}`, code: 'form.hidden', message: t(ctx.locale, 'form.hidden', { label: label(name) }) });
        }
        continue;
      }
      if (r.required && evaluateCondition(r.required, record, when) && isBlank(record[name])) {
        errors.push({ field: name, pointer: `/${name}`, code: 'required', message: t(ctx.locale, 'validation.required', { label: label(name) }) });
      }
      if (mode === 'update' && prior && r.readOnly && own.has(name) && !same(input[name], prior[name]) && evaluateCondition(r.readOnly, prior, when)) {
        errors.push({ field: name, pointer: `/${name}`, code: 'form.readOnly', message: t(ctx.locale, 'form.readOnly', { label: label(name) }) });
      }
    }
    for (const rule of full.rules) {
      if (!rule.on.includes(mode as 'create' | 'update') || !holds(rule.errorWhen, env)) continue;
      errors.push({
        ...(rule.field ? { field: rule.field, pointer: `/${rule.field}` } : { pointer: '/' }),
        code: `rule.${rule.name}`,
        message: pickLabel(rule.message, ctx.locale),
      });
    }
  },
};
