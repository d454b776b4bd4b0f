/**
 * A record form with its rules applied for the values being edited: fields whose visibleIf fails
 * are left out (not shown, not submitted), requiredIf marks fields required, readOnlyIf (on the
 * stored record, as the server checks it) makes fields read-only, and the stage picklist offers
 * the stages of the process chosen in the form.
 */
import type { Label } from '../../core/i18n';
import { FIELD_TYPES } from '../../fields/registry';
import type { FieldDef, FieldTypeModule, FieldTypeName } from '../../fields/types';
import { conditionHolds, type ClientConditionContext } from '../../rules/conditions/client';
import { processOf, type ProcessesInfo, type RuledFieldInfo } from './types';

type Json = Record<string, unknown>;

export interface FormShape {
  schema: Json;
  uiSchema: Json;
  sections: { id: string; label: string; columns: 1 | 2; fields: string[] }[];
}

/**
 * The values as the server will see them when it checks form rules: the stored record, the form's
 * values, and what entering the chosen stage sets (its forecast category and probability).
 */
function projectedValues(values: Json, stored: Json | null, processes: ProcessesInfo | null | undefined): Json {
  const out: Json = { ...(stored ?? {}), ...values };
  if (!processes) return out;
  const proc = processOf(processes, out);
  const stage = proc?.stages.find((s) => s.value === out[processes.stageField]);
  if (!proc || !stage) return out;
  const entering = !stored || stored[processes.stageField] !== stage.value || stored[processes.field] !== proc.name;
  if (processes.forecastField) out[processes.forecastField] = stage.forecast;
  if (entering && processes.probabilityField && (!stored || values[processes.probabilityField] === stored[processes.probabilityField])) {
    out[processes.probabilityField] = stage.probability;
  }
  return out;
}

/** Stage choices for the process the values name: its active stages, plus the stored stage. */
function stageChoices(processes: ProcessesInfo, values: Json, stored: Json | null, label: (l: Label) => string) {
  const proc = processOf(processes, values);
  const keep = stored && stored[processes.field] === proc?.name ? stored[processes.stageField] : undefined;
  const stages = (proc?.stages ?? []).filter((s) => s.active || s.value === keep);
  return { values: stages.map((s) => s.value), names: stages.map((s) => label(s.label)) };
}

export interface RuledForm extends FormShape {
  /** Fields left out by their visibleIf (not shown, not submitted). */
  hidden: Set<string>;
}

/** Apply the fields' form rules and the chosen process to a form built from the layout. */
export function applyFormRules(
  form: FormShape,
  opts: { fields: RuledFieldInfo[]; values: Json; stored: Json | null; processes: ProcessesInfo | null | undefined; ctx: ClientConditionContext; label: (l: Label) => string },
): RuledForm {
  const properties = { ...((form.schema.properties ?? {}) as Record<string, Json>) };
  const required = new Set((form.schema.required ?? []) as string[]);
  const uiSchema: Json = { ...form.uiSchema };
  const hidden = new Set<string>();
  const values = projectedValues(opts.values, opts.stored, opts.processes);
  for (const f of opts.fields) {
    if (!(f.name in properties)) continue;
    // The field's own property and those its type shows next to it (a currency's code); a described 'user' has none.
    const type = FIELD_TYPES[f.type as FieldTypeName] as FieldTypeModule | undefined;
    const companions = [f.name, ...Object.keys(type?.formCompanions?.(f as unknown as FieldDef, 'en') ?? {})];
    if (f.visibleIf !== undefined && !conditionHolds(f.visibleIf, opts.fields, values, opts.ctx)) {
      for (const c of companions) {
        hidden.add(c);
        delete properties[c];
        required.delete(c);
      }
      continue;
    }
    const readOnly = opts.stored && f.readOnlyIf !== undefined && conditionHolds(f.readOnlyIf, opts.fields, opts.stored, opts.ctx);
    if (readOnly) {
      for (const c of companions) {
        uiSchema[c] = { ...(uiSchema[c] as Json | undefined), 'ui:readonly': true };
        required.delete(c);
      }
    } else if (f.requiredIf !== undefined && conditionHolds(f.requiredIf, opts.fields, values, opts.ctx)) {
      required.add(f.name);
    }
  }
  const stageField = opts.processes?.stageField;
  if (opts.processes && stageField && properties[stageField]) {
    const choices = stageChoices(opts.processes, values, opts.stored, opts.label);
    // The default must be one of them too (rjsf complains otherwise): the process's first stage.
    const fallback = properties[stageField].default;
    properties[stageField] = { ...properties[stageField], enum: choices.values, default: choices.values.includes(fallback as string) ? fallback : choices.values[0] };
    uiSchema[stageField] = { ...(uiSchema[stageField] as Json | undefined), 'ui:enumNames': choices.names };
  }
  // rjsf refuses an order naming properties the schema no longer has.
  const order = uiSchema['ui:order'];
  if (Array.isArray(order)) uiSchema['ui:order'] = order.filter((n) => !hidden.has(String(n)));
  return {
    schema: { ...form.schema, properties, required: [...required] },
    uiSchema,
    sections: form.sections.map((s) => ({ ...s, fields: s.fields.filter((n) => !hidden.has(n)) })),
    hidden,
  };
}

/**
 * When the form's process changes, a stage the new process does not have becomes that process's
 * first active stage (the server would refuse the foreign stage).
 */
export function fitStageToProcess(values: Json, processes: ProcessesInfo | null | undefined): Json {
  if (!processes) return values;
  const proc = processOf(processes, values);
  if (!proc || proc.stages.some((s) => s.value === values[processes.stageField])) return values;
  const first = proc.stages.find((s) => s.active) ?? proc.stages[0];
  return first ? { ...values, [processes.stageField]: first.value } : values;
}
