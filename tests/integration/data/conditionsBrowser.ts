/**
 * Entry of the browser build made by conditions.parity.test.ts: the form code itself
 * (platform/ui/process/formRules.ts) deciding, record by record, whether a field shown only while a
 * condition holds is shown. JSON in and out, as the browser receives metadata and records.
 */
import { applyFormRules } from '../../../platform/ui/process/formRules';
import type { RuledFieldInfo } from '../../../platform/ui/process/types';

const PROBE = 'parity_probe';

/** For each condition, the ids of the records on whose form a field with that visible-if shows. */
export function shownFor(fieldsJson: string, conditionsJson: string, recordsJson: string, userId: string | null, whenJson = '{}'): string {
  const fields = JSON.parse(fieldsJson) as RuledFieldInfo[];
  const records = JSON.parse(recordsJson) as Record<string, unknown>[];
  const form = { schema: { type: 'object', properties: { [PROBE]: { type: 'string' } } }, uiSchema: {}, sections: [] };
  const shown = (JSON.parse(conditionsJson) as unknown[]).map((condition) => {
    const ruled = [...fields, { name: PROBE, type: 'text', visibleIf: condition } as RuledFieldInfo];
    const opts = { fields: ruled, stored: null, processes: null, ctx: { ...(JSON.parse(whenJson) as object), userId }, label: () => '' };
    return records.filter((values) => !applyFormRules(form, { ...opts, values }).hidden.has(PROBE)).map((r) => r.id);
  });
  return JSON.stringify(shown);
}
