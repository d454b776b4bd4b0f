/**
 * Formula columns over aggregates (`won_count / closed_count`): the formula language's own checker
 * and evaluator, run against a made-up object whose fields are the report's aggregates. Division by
 * zero gives blank (null), as the language defines it everywhere.
 */
import type { FieldDef } from '../fields/types';
import type { ObjectModel } from '../metadata/model';
import { evaluateFormula } from '../rules/formula';
import { clock } from '../core/time';
import type { PlannedFormula } from './check';

/** An object whose fields are the aggregates, as decimals (what a formula over them may read). */
export function aggregateObject(measures: { name: string }[]): ObjectModel {
  const fields: FieldDef[] = measures.map((m) => ({ name: m.name, type: 'decimal', scale: 6, label: { en: m.name, zh: m.name } }) as FieldDef);
  return {
    name: 'report',
    label: { en: 'Report', zh: '报表' },
    pluralLabel: { en: 'Reports', zh: '报表' },
    nameField: 'name',
    searchFields: [],
    fields,
    allFields: fields,
    fieldMap: new Map(fields.map((f) => [f.name, f])),
    relatedLists: [],
    formulas: new Map(),
    rules: [],
    formRules: new Map(),
    rollupsFed: [],
    approvals: [],
  };
}

/** Add each formula's value to `aggregates` (in place): one group's or the totals' figures. */
export function applyFormulas(formulas: PlannedFormula[], aggregates: Record<string, number | null>, at = clock()): void {
  for (const f of formulas) {
    const v = evaluateFormula(f.formula, { record: aggregates, ...at });
    aggregates[f.name] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
}
