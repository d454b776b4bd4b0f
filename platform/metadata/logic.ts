/**
 * The logic layer of the metadata model, built once the objects exist (it reaches across them):
 * formula fields type-checked, roll-up fields resolved against their child objects, form rules
 * (visible-if, required-if, read-only-if) parsed, validation rules and sales processes compiled.
 * Every problem is reported with its file and JSON pointer; formula problems also give the
 * position in the expression.
 */
import type { ErrorDetail } from '../core/errors';
import { rollupReturnType } from '../fields/computed';
import type { FieldDef, PicklistOption } from '../fields/types';
import { parseCondition } from '../rules/conditions/parse';
import { conditionFields, type ConditionNode } from '../rules/conditions/types';
import { checkFormula, type FormulaType } from '../rules/formula';
import type {
  FormRules, GateModel, LayoutDefinition, ObjectDefinition, ObjectModel, ProcessModel, RecordTest, RuleModel,
  SalesProcessDefinition, StageModel, ValidationRuleDefinition,
} from './model';

export type Err = (file: string, pointer: string, code: string, message: string) => void;

const NUMERIC = new Set(['integer', 'decimal', 'currency', 'percent']);

/** The formula type a field's value has (for checking a formula field's declared result). */
function resultKind(returnType: string): FormulaType {
  return returnType === 'currency' || returnType === 'percent' ? 'number' : (returnType as FormulaType);
}

/** Replace a field in an object model (all three collections), keeping its position. */
function replaceField(obj: ObjectModel, f: FieldDef): void {
  const swap = (list: FieldDef[]) => list.map((x) => (x.name === f.name ? f : x));
  obj.fields = swap(obj.fields);
  obj.allFields = swap(obj.allFields);
  obj.fieldMap.set(f.name, f);
}

/** A condition tree or a boolean formula (string), compiled against an object. */
export function compileTest(value: unknown, obj: ObjectModel, objects: Map<string, ObjectModel>, mode: 'field' | 'rule', file: string, pointer: string, err: Err): RecordTest | undefined {
  if (typeof value === 'string') {
    const { formula, errors } = checkFormula(value, { object: obj, objects: (n) => objects.get(n), mode, expect: 'boolean' });
    for (const e of errors) err(file, pointer, `formula.${e.code}`, e.message);
    return formula ? { kind: 'formula', formula } : undefined;
  }
  const parsed = parseCondition(value, obj, { pointer });
  for (const e of parsed.errors) err(file, e.pointer ?? pointer, e.code, e.message);
  return parsed.condition ? { kind: 'condition', condition: parsed.condition } : undefined;
}

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
  const err: Err = (file, pointer, code, message) => errors.push({ file, pointer, code, message: `${file}#${pointer} ${message}` });
  const fileOf = (o: string) => defs.get(o)?.file ?? `objects/${o}.json`;
  const indexOf = (o: string, field: string) => (defs.get(o)?.def.fields ?? []).findIndex((f) => f.name === field);
  const missingObject = (o: string) => !objects.has(o) && !unusable.has(o) && !archived.has(o);

  // 1. Roll-ups first: formulas may read them, and their type comes from what they summarise.
  for (const obj of objects.values()) {
    for (const f of obj.fields.filter((x) => x.type === 'rollup')) {
      const file = fileOf(obj.name);
      const at = `/fields/${indexOf(obj.name, f.name)}/summary`;
      const s = f.summary;
      if (!s) continue;
      const child = objects.get(s.object);
      if (!child) { if (!unusable.has(s.object)) err(file, `${at}/object`, 'rollup.object', `roll-up "${f.name}": object "${s.object}" does not exist`); continue; }
      const via = child.fieldMap.get(s.via);
      if (!via || via.type !== 'lookup' || via.target !== obj.name) { err(file, `${at}/via`, 'rollup.via', `roll-up "${f.name}": "${s.object}.${s.via}" is not a lookup to ${obj.name}`); continue; }
      let summarised: FieldDef | undefined;
      if (s.fn !== 'count') {
        summarised = s.field ? child.fieldMap.get(s.field) : undefined;
        // Stored values only: a roll-up of a roll-up (or of a formula) would go stale, as nothing recomputes it when its inputs change.
        const okType = summarised && (NUMERIC.has(summarised.type) || (s.fn !== 'sum' && (summarised.type === 'date' || summarised.type === 'datetime')));
        if (!summarised || !okType) {
          err(file, `${at}/field`, 'rollup.field', `roll-up "${f.name}": ${s.fn} needs a stored ${s.fn === 'sum' ? 'number' : 'number or date'} field of ${s.object}${s.field ? ` ("${s.field}" is not one)` : ''}`);
          continue;
        }
      }
      let filter: ConditionNode | undefined;
      if (s.filter !== undefined) {
        const parsed = parseCondition(s.filter, child, { pointer: `${at}/filter` });
        for (const e of parsed.errors) err(file, e.pointer ?? at, e.code, e.message);
        // The filter runs inside the roll-up's SQL over the child table: stored fields only.
        if (parsed.condition && conditionFields(parsed.condition).some((x) => x.type === 'formula' || x.type === 'rollup')) {
          err(file, `${at}/filter`, 'rollup.filter', `roll-up "${f.name}": the filter cannot use formula or roll-up fields`);
        }
        filter = parsed.condition;
      }
      const derived: FieldDef = { ...f, returnType: rollupReturnType(s.fn, summarised), readOnly: true };
      replaceField(obj, derived);
      child.rollupsFed.push({ object: obj.name, field: derived, filter });
    }
  }

  // 2. Sales processes: compiled per object, and the process and stage picklists take their values from them.
  const processes = new Map<string, SalesProcessDefinition[]>();
  for (const { file, def } of processDocs) {
    if (!objects.has(def.object)) { if (missingObject(def.object)) err(file, '/object', 'process.object', `object "${def.object}" does not exist`); continue; }
    processes.set(def.object, [...(processes.get(def.object) ?? []), def]);
  }
  for (const obj of objects.values()) {
    const config = defs.get(obj.name)?.def.process;
    const list = (processes.get(obj.name) ?? []).slice().sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name));
    processes.set(obj.name, list);
    if (!config) {
      if (list.length) err(`processes/${obj.name}.${list[0].name}.json`, '/object', 'process.config', `object "${obj.name}" has no "process" property naming its process and stage fields`);
      continue;
    }
    const file = fileOf(obj.name);
    const need = (prop: keyof typeof config, ok: (f: FieldDef) => boolean, what: string) => {
      const name = config[prop];
      if (name === undefined) return true;
      const f = obj.fieldMap.get(name);
      if (!f || !ok(f)) { err(file, `/process/${prop}`, 'process.field', `"${name}" must be ${what} of ${obj.name}`); return false; }
      return true;
    };
    const valid = [
      need('field', (f) => f.type === 'picklist', 'a picklist field'),
      need('stageField', (f) => f.type === 'picklist', 'a picklist field'),
      need('probabilityField', (f) => NUMERIC.has(f.type), 'a number or percent field'),
      need('forecastField', (f) => f.type === 'picklist' || f.type === 'text', 'a picklist or text field'),
      need('amountField', (f) => NUMERIC.has(f.type) || f.type === 'formula', 'a number or currency field'),
      need('stageDateField', (f) => f.type === 'datetime', 'a date/time field'),
    ].every(Boolean);
    if (!valid) continue;
    const models: ProcessModel[] = [];
    for (const p of list) {
      const pfile = `processes/${obj.name}.${p.name}.json`;
      const seen = new Set<string>();
      const stages: StageModel[] = p.stages.map((st, i) => {
        if (seen.has(st.value)) err(pfile, `/stages/${i}/value`, 'process.stageDuplicate', `stage "${st.value}" appears twice`);
        seen.add(st.value);
        if (st.won && st.lost) err(pfile, `/stages/${i}`, 'process.wonLost', `stage "${st.value}" cannot be both won and lost`);
        const gate: GateModel[] = (st.gate ?? []).map((g, j) => {
          const at = `/stages/${i}/gate/${j}`;
          if ('require' in g) return { require: compileTest(g.require, obj, objects, 'field', pfile, `${at}/require`, err), message: g.message, field: g.field };
          if (!obj.fieldMap.has(g.field)) err(pfile, `${at}/field`, 'process.gateField', `field "${g.field}" is not a field of ${obj.name}`);
          return { field: g.field, message: g.message };
        });
        return { value: st.value, label: st.label, probability: st.probability, forecast: st.forecast, won: st.won === true, lost: st.lost === true, active: st.active !== false, color: st.color, gate };
      });
      if (p.layout && !(layouts.get(obj.name) ?? []).some((l) => l.name === p.layout)) err(pfile, '/layout', 'process.layout', `layout "${p.layout}" is not a layout of ${obj.name}`);
      models.push({ name: p.name, label: p.label, description: p.description, isDefault: p.isDefault === true, active: p.active !== false, layout: p.layout, stages });
    }
    // One default: the one set last wins (a package or the workspace over stock, as layers go);
    // an inactive process cannot be it (new records could not use it).
    const defaults = processDocs.filter((d) => d.def.object === obj.name && d.def.isDefault).map((d) => d.def.name);
    const chosen = defaults.length ? models.find((m) => m.name === defaults[defaults.length - 1]) : undefined;
    for (const m of models) m.isDefault = m === chosen;
    if (chosen && !chosen.active) err(`processes/${obj.name}.${chosen.name}.json`, '/active', 'process.defaultInactive', `the default process of ${obj.name} must be active: make another one the default first`);
    if (models.length && !models.some((m) => m.isDefault)) (models.find((m) => m.active) ?? models[0]).isDefault = true;
    obj.process = { config, processes: models };
    if (!models.length) continue;
    // Picklist values derived from the processes: one per process, and the union of their stages.
    const processField = obj.fieldMap.get(config.field)!;
    const defaultProcess = models.find((m) => m.isDefault)!;
    replaceField(obj, { ...processField, options: models.map((m) => ({ value: m.name, label: m.label, active: m.active })), default: defaultProcess.name });
    const stageField = obj.fieldMap.get(config.stageField)!;
    const options = new Map<string, PicklistOption>();
    for (const m of models) {
      for (const st of m.stages) {
        const prev = options.get(st.value);
        // A value stays choosable while any active process offers it as an active stage.
        const active = st.active && m.active;
        options.set(st.value, { value: st.value, label: prev?.label ?? st.label, ...(st.color ? { color: st.color } : {}), active: (prev?.active ?? false) || active });
      }
    }
    const firstStage = defaultProcess.stages.find((st) => st.active)?.value;
    replaceField(obj, { ...stageField, options: [...options.values()], ...(firstStage ? { default: firstStage } : {}) });
  }

  // 3. Form rules on fields.
  for (const obj of objects.values()) {
    const file = fileOf(obj.name);
    for (const f of obj.fields) {
      const rules: FormRules = {};
      for (const [prop, key] of [['visibleIf', 'visible'], ['requiredIf', 'required'], ['readOnlyIf', 'readOnly']] as const) {
        const value = (f as unknown as Record<string, unknown>)[prop];
        if (value === undefined) continue;
        const parsed = parseCondition(value, obj, { pointer: `/fields/${indexOf(obj.name, f.name)}/${prop}` });
        for (const e of parsed.errors) err(file, e.pointer ?? '/', e.code, e.message);
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
      for (const e of problems) err(file, at, `formula.${e.code}`, e.message);
      if (!formula) continue;
      const want = resultKind(f.returnType ?? 'number');
      if (formula.type !== want) err(file, `/fields/${indexOf(obj.name, f.name)}/returnType`, 'formula.returnType', `formula "${f.name}" gives a ${formula.type}, not a ${f.returnType}`);
      else obj.formulas.set(f.name, formula);
    }
  }

  // 5. Validation rules.
  const rules = new Map<string, ValidationRuleDefinition[]>();
  for (const { file, def } of ruleDocs) {
    const obj = objects.get(def.object);
    if (!obj) { if (missingObject(def.object)) err(file, '/object', 'rule.object', `object "${def.object}" does not exist`); continue; }
    rules.set(def.object, [...(rules.get(def.object) ?? []), def]);
    if (def.field && !obj.fieldMap.has(def.field)) err(file, '/field', 'rule.field', `field "${def.field}" is not a field of ${def.object}`);
    const test = compileTest(def.errorWhen, obj, objects, 'rule', file, '/errorWhen', err);
    if (test && def.active !== false) {
      const rule: RuleModel = { name: def.name, label: def.label, message: def.message, field: def.field, on: def.on ?? ['create', 'update'], errorWhen: test };
      obj.rules.push(rule);
    }
  }
  for (const list of rules.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  for (const obj of objects.values()) obj.rules.sort((a, b) => a.name.localeCompare(b.name));
  return { rules, processes };
}
