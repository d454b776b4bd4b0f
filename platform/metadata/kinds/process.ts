/**
 * Sales processes (`process:<object>.<name>`, metadata/processes, schema process.schema.json):
 * stages with probabilities, forecast categories and gates. Compiled per object against the
 * object's `process` property (which names its process and stage fields); the process and stage
 * picklists take their values from the processes, so this kind builds before the form rules and
 * formulas that may compare those values.
 */
import type { MessageKey } from '../../core/i18n';
import processSchema from '../../../metadata/schema/process.schema.json' with { type: 'json' };
import { hasOptions } from '../../fields/guards';
import { isStoredNumber } from '../../fields/registry';
import type { FieldDef, PicklistOption } from '../../fields/types';
import { documentNamed, removeDocument, saveDocument, unsetOnOthers } from '../documents';
import { compileTest, replaceField } from '../logic';
import type { GateModel, LayoutDefinition, ProcessModel, SalesProcessDefinition, StageModel } from '../model';
import type { BuildContext, DocumentKind, KindDoc } from './types';

function build(processDocs: KindDoc<SalesProcessDefinition>[], { objects, defs, built, isGone, err }: BuildContext): Map<string, SalesProcessDefinition[]> {
  const layouts = (built.get('layout') ?? new Map()) as Map<string, LayoutDefinition[]>;
  const fileOf = (o: string) => defs.get(o)?.file ?? `objects/${o}.json`;
  const processes = new Map<string, SalesProcessDefinition[]>();
  for (const { file, def } of processDocs) {
    if (!objects.has(def.object)) { if (!isGone(def.object)) err(file, '/object', 'process.object', { object: def.object }); continue; }
    processes.set(def.object, [...(processes.get(def.object) ?? []), def]);
  }
  for (const obj of objects.values()) {
    const config = defs.get(obj.name)?.def.process;
    const list = (processes.get(obj.name) ?? []).slice().sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name));
    processes.set(obj.name, list);
    if (!config) {
      if (list.length) err(`processes/${obj.name}.${list[0].name}.json`, '/object', 'process.config', { object: obj.name });
      continue;
    }
    const file = fileOf(obj.name);
    const need = (prop: keyof typeof config, ok: (f: FieldDef) => boolean, what: MessageKey) => {
      const name = config[prop];
      if (name === undefined) return true;
      const f = obj.fieldMap.get(name);
      if (!f || !ok(f)) { err(file, `/process/${prop}`, 'process.field', { field: name, what: { key: what }, object: obj.name }); return false; }
      return true;
    };
    const valid = [
      need('field', (f) => f.type === 'picklist', 'process.what.picklist'),
      need('stageField', (f) => f.type === 'picklist', 'process.what.picklist'),
      need('probabilityField', (f) => isStoredNumber(f), 'process.what.number'),
      need('forecastField', (f) => f.type === 'picklist' || f.type === 'text', 'process.what.forecast'),
      need('amountField', (f) => isStoredNumber(f) || f.type === 'formula', 'process.what.amount'),
      need('stageDateField', (f) => f.type === 'datetime', 'process.what.datetime'),
    ].every(Boolean);
    if (!valid) continue;
    const models: ProcessModel[] = [];
    for (const p of list) {
      const pfile = `processes/${obj.name}.${p.name}.json`;
      const seen = new Set<string>();
      const stages: StageModel[] = p.stages.map((st, i) => {
        if (seen.has(st.value)) err(pfile, `/stages/${i}/value`, 'process.stageDuplicate', { stage: st.value });
        seen.add(st.value);
        if (st.won && st.lost) err(pfile, `/stages/${i}`, 'process.wonLost', { stage: st.value });
        const gate: GateModel[] = (st.gate ?? []).map((g, j) => {
          const at = `/stages/${i}/gate/${j}`;
          if ('require' in g) return { require: compileTest(g.require, obj, objects, 'field', pfile, `${at}/require`, err), message: g.message, field: g.field };
          if (!obj.fieldMap.has(g.field)) err(pfile, `${at}/field`, 'process.gateField', { field: g.field, object: obj.name });
          return { field: g.field, message: g.message };
        });
        return { value: st.value, label: st.label, probability: st.probability, forecast: st.forecast, won: st.won === true, lost: st.lost === true, active: st.active !== false, color: st.color, gate };
      });
      if (p.layout && !(layouts.get(obj.name) ?? []).some((l) => l.name === p.layout)) err(pfile, '/layout', 'process.layout', { layout: p.layout, object: obj.name });
      models.push({ name: p.name, label: p.label, description: p.description, isDefault: p.isDefault === true, active: p.active !== false, layout: p.layout, stages });
    }
    // One default: the one set last wins (a package or the workspace over stock, as layers go);
    // an inactive process cannot be it (new records could not use it).
    const defaults = processDocs.filter((d) => d.def.object === obj.name && d.def.isDefault).map((d) => d.def.name);
    const chosen = defaults.length ? models.find((m) => m.name === defaults[defaults.length - 1]) : undefined;
    for (const m of models) m.isDefault = m === chosen;
    if (chosen && !chosen.active) err(`processes/${obj.name}.${chosen.name}.json`, '/active', 'process.defaultInactive', { object: obj.name });
    if (models.length && !models.some((m) => m.isDefault)) (models.find((m) => m.active) ?? models[0]).isDefault = true;
    obj.process = { config, processes: models };
    if (!models.length) continue;
    // Picklist values derived from the processes: one per process, and the union of their stages.
    const processField = obj.fieldMap.get(config.field);
    const stageField = obj.fieldMap.get(config.stageField);
    if (!hasOptions(processField) || !hasOptions(stageField)) continue; // both checked to be picklists above
    const defaultProcess = models.find((m) => m.isDefault)!;
    replaceField(obj, { ...processField, options: models.map((m) => ({ value: m.name, label: m.label, active: m.active })), default: defaultProcess.name });
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
  return processes;
}

export const processKind: DocumentKind<SalesProcessDefinition> = {
  name: 'process',
  folder: 'processes',
  schemaName: 'process',
  schema: processSchema,
  label: { en: 'sales process', zh: '销售流程' },
  key: (d) => `process:${d.object}.${d.name}`,
  buildOrder: 30,
  build,
  verbs: {
    /**
     * Stages in use stay: removing one that records are in is refused like any picklist value in
     * use (make it inactive instead). Records keep the probability they were given; new
     * probabilities apply from their next stage change.
     */
    save: (actor, process, mode) => saveDocument(actor, processKind.key(process), process, `Saved sales process ${process.object}.${process.name}`, mode, (state, values) => {
      // One default process per object: making this one the default unsets the others.
      if (process.isDefault) unsetOnOthers(state, values, 'process', process.object, processKind.key(process), 'isDefault');
    }),
    remove: (actor, object, name) => removeDocument(actor, `process:${object}.${name}`, `Deleted sales process ${object}.${name}`, documentNamed(processKind.label, object, name)),
  },
};
