/**
 * The logic of objects, built once the objects exist (it reaches across them): roll-up fields
 * resolved against their child objects, form rules (visible-if, required-if, read-only-if) parsed
 * and formula fields type-checked. Validation rules and sales processes are kinds of their own
 * (kinds/rule.ts, kinds/process.ts) that build between these steps (see `buildOrder`). Every problem
 * is reported with its file and JSON pointer; formula problems also give the position in the
 * expression.
 */
import type { ErrorDetail } from '../core/errors';
import type { MessageKey } from '../core/i18n';
import { problem } from '../core/problems';
import { isComputed, rollupDisplayScale, rollupReturnType } from '../fields/computed';
import { fieldType } from '../fields/registry';
import { isLookup, isRollup } from '../fields/guards';
import type { FieldDef, RollupFieldDef } from '../fields/types';
import { parseCondition } from '../rules/conditions/parse';
import { conditionFields, type ConditionNode } from '../rules/conditions/types';
import { checkFormula, type FormulaType } from '../rules/formula';
import { processKind } from './kinds/process';
import { ruleKind } from './kinds/rule';
import type { BuildContext } from './kinds/types';
import type { FormRules, LayoutDefinition, ObjectDefinition, ObjectModel, RecordTest, SalesProcessDefinition, ValidationRuleDefinition } from './model';

export type { ReportError as Err } from './kinds/types';
import type { ReportError as Err } from './kinds/types';

/** Field types holding a number. */

/** The formula type a field's value has (for checking a formula field's declared result). */
function resultKind(returnType: string): FormulaType {
  return returnType === 'currency' || returnType === 'percent' ? 'number' : (returnType as FormulaType);
}

/** Replace a field in an object model (all three collections), keeping its position. */
export function replaceField(obj: ObjectModel, f: FieldDef): void {
  const swap = (list: FieldDef[]) => list.map((x) => (x.name === f.name ? f : x));
  obj.fields = swap(obj.fields);
  obj.allFields = swap(obj.allFields);
  obj.fieldMap.set(f.name, f);
}

/** A condition tree or a boolean formula (string), compiled against an object. */
export function compileTest(value: unknown, obj: ObjectModel, objects: Map<string, ObjectModel>, mode: 'field' | 'rule', file: string, pointer: string, err: Err): RecordTest | undefined {
  if (typeof value === 'string') {
    const { formula, errors } = checkFormula(value, { object: obj, objects: (n) => objects.get(n), mode, expect: 'boolean' });
    for (const e of errors) err(file, pointer, `formula.${e.code}` as MessageKey, e.params);
    return formula ? { kind: 'formula', formula } : undefined;
  }
  const parsed = parseCondition(value, obj, { pointer });
  for (const e of parsed.errors) err(file, e.pointer ?? pointer, e.code as MessageKey, e.params);
  return parsed.condition ? { kind: 'condition', condition: parsed.condition } : undefined;
}

/** Where an object's own file and a field's index in it are (for pointers into the object file). */
function locate(ctx: BuildContext) {
  return {
    fileOf: (o: string) => ctx.defs.get(o)?.file ?? `objects/${o}.json`,
    indexOf: (o: string, field: string) => (ctx.defs.get(o)?.def.fields ?? []).findIndex((f) => f.name === field),
  };
}

/** Whether a condition holds a relative date (`during`), whose answer changes with the day. */
function usesDuring(node: ConditionNode): boolean {
  if (node.kind === 'leaf') return node.op === 'during';
  if (node.kind === 'not') return usesDuring(node.item);
  if (node.kind === 'related') return node.where ? usesDuring(node.where) : false;
  return node.items.some(usesDuring);
}

/** Roll-up fields, resolved first of the object logic: formulas may read them, and their type comes from what they summarise. */
export function buildRollups(ctx: BuildContext): void {
  const { objects, unusable, err } = ctx;
  const { fileOf, indexOf } = locate(ctx);
  for (const obj of objects.values()) {
    for (const f of obj.fields.filter(isRollup)) {
      const file = fileOf(obj.name);
      const at = `/fields/${indexOf(obj.name, f.name)}/summary`;
      const s = f.summary;
      if (!s) continue;
      const child = objects.get(s.object);
      if (!child) { if (!unusable.has(s.object)) err(file, `${at}/object`, 'rollup.object', { rollup: f.name, object: s.object }); continue; }
      const via = child.fieldMap.get(s.via);
      if (!isLookup(via) || via.target !== obj.name) { err(file, `${at}/via`, 'rollup.via', { rollup: f.name, object: s.object, via: s.via, parent: obj.name }); continue; }
      let summarised: FieldDef | undefined;
      if (s.fn !== 'count') {
        summarised = s.field ? child.fieldMap.get(s.field) : undefined;
        // Stored values only: a roll-up of a roll-up (or of a formula) would go stale, as nothing recomputes it when its inputs change.
        const okType = summarised && !isComputed(summarised) && fieldType(summarised).summarisedBy?.includes(s.fn);
        if (!summarised || !okType) {
          const kind = { key: s.fn === 'sum' ? 'rollup.kind.number' : 'rollup.kind.numberOrDate' };
          if (s.field) err(file, `${at}/field`, 'rollup.field.notOne', { rollup: f.name, fn: s.fn, kind, object: s.object, field: s.field }, 'rollup.field');
          else err(file, `${at}/field`, 'rollup.field', { rollup: f.name, fn: s.fn, kind, object: s.object });
          continue;
        }
      }
      let filter: ConditionNode | undefined;
      if (s.filter !== undefined) {
        const parsed = parseCondition(s.filter, child, { pointer: `${at}/filter` });
        for (const e of parsed.errors) err(file, e.pointer ?? at, e.code as MessageKey, e.params);
        // The filter runs inside the roll-up's SQL over the child table: stored fields only.
        if (parsed.condition && conditionFields(parsed.condition).some((x) => x.type === 'formula' || x.type === 'rollup')) {
          err(file, `${at}/filter`, 'rollup.filter', { rollup: f.name });
        }
        if (parsed.condition && usesDuring(parsed.condition)) err(file, `${at}/filter`, 'rollup.filterDuring', { rollup: f.name });
        filter = parsed.condition;
      }
      const scale = f.scale ?? rollupDisplayScale(s.fn, summarised);
      const derived: RollupFieldDef = { ...f, returnType: rollupReturnType(s.fn, summarised), readOnly: true, ...(scale === undefined ? {} : { scale }) };
      replaceField(obj, derived);
      child.rollupsFed.push({ object: obj.name, field: derived, filter });
    }
  }

}

/** Form rules and formula fields (after roll-ups, whose types formulas may read, and sales processes, whose stages conditions may name). */
export function buildFormLogic(ctx: BuildContext): void {
  const { objects, err } = ctx;
  const { fileOf, indexOf } = locate(ctx);
  // 3. Form rules on fields.
  for (const obj of objects.values()) {
    const file = fileOf(obj.name);
    for (const f of obj.fields) {
      const rules: FormRules = {};
      for (const [prop, key] of [['visibleIf', 'visible'], ['requiredIf', 'required'], ['readOnlyIf', 'readOnly']] as const) {
        const value = (f as unknown as Record<string, unknown>)[prop];
        if (value === undefined) continue;
        const parsed = parseCondition(value, obj, { pointer: `/fields/${indexOf(obj.name, f.name)}/${prop}` });
        for (const e of parsed.errors) err(file, e.pointer ?? '/', e.code as MessageKey, e.params);
        if (parsed.condition) rules[key] = parsed.condition;
      }
      if (rules.visible || rules.required || rules.readOnly) obj.formRules.set(f.name, rules);
    }
  }

  // 4. Formula fields (after roll-ups, whose types they may read).
  for (const obj of objects.values()) {
    const file = fileOf(obj.name);
    for (const f of obj.fields.filter((x) => x.type === 'formula')) {
      const at = `/fields/${indexOf(obj.name, f.name)}/formula`;
      const { formula, errors: problems } = checkFormula(f.formula ?? '', { object: obj, objects: (n) => objects.get(n), mode: 'field', expect: resultKind(f.returnType ?? 'number') });
      for (const e of problems) err(file, at, `formula.${e.code}` as MessageKey, e.params);
      if (!formula) continue;
      const want = resultKind(f.returnType ?? 'number');
      if (formula.type !== want) err(file, `/fields/${indexOf(obj.name, f.name)}/returnType`, 'formula.returnType', { field: f.name, actual: { key: `formula.type.${formula.type}` }, declared: f.returnType ?? 'number' });
      else obj.formulas.set(f.name, formula);
    }
  }

}

/**
 * The logic layer as one call (roll-ups, sales processes, form rules, formulas, validation rules),
 * kept for callers that build a model by hand; buildMetadata runs the same steps from the kind
 * registry.
 */
export function buildLogic(
  objects: Map<string, ObjectModel>,
  defs: Map<string, { file: string; def: ObjectDefinition }>,
  ruleDocs: { file: string; def: ValidationRuleDefinition }[],
  processDocs: { file: string; def: SalesProcessDefinition }[],
  layouts: Map<string, LayoutDefinition[]>,
  unusable: Set<string>,
  archived: Set<string>,
  errors: ErrorDetail[],
): { rules: Map<string, ValidationRuleDefinition[]>; processes: Map<string, SalesProcessDefinition[]> } {
  const ctx: BuildContext = {
    objects, defs, built: new Map([['layout', layouts]]), unusable, archived, errors,
    isGone: (o) => unusable.has(o) || archived.has(o),
    err: (file, pointer, key, params, code) => errors.push(problem(key, params, { file, pointer, code })),
  };
  buildRollups(ctx);
  const processes = processKind.build(processDocs, ctx);
  buildFormLogic(ctx);
  const rules = ruleKind.build(ruleDocs, ctx);
  return { rules, processes };
}
