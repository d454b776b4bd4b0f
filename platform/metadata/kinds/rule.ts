/**
 * Validation rules (`rule:<object>.<name>`, metadata/rules, schema rule.schema.json): a condition
 * tree or boolean formula that makes a record invalid when it holds. Compiled against the object
 * once its form rules and formulas are built (a rule may read formula fields); active rules are
 * attached to the object model, sorted by name.
 */
import ruleSchema from '../../../metadata/schema/rule.schema.json' with { type: 'json' };
import { documentNamed, removeDocument, saveDocument } from '../documents';
import { compileTest } from '../logic';
import type { RuleModel, ValidationRuleDefinition } from '../model';
import type { BuildContext, DocumentKind, KindDoc } from './types';

function build(docs: KindDoc<ValidationRuleDefinition>[], { objects, isGone, err }: BuildContext): Map<string, ValidationRuleDefinition[]> {
  const rules = new Map<string, ValidationRuleDefinition[]>();
  for (const { file, def } of docs) {
    const obj = objects.get(def.object);
    if (!obj) { if (!isGone(def.object)) err(file, '/object', 'rule.object', { object: def.object }); continue; }
    rules.set(def.object, [...(rules.get(def.object) ?? []), def]);
    if (def.field && !obj.fieldMap.has(def.field)) err(file, '/field', 'rule.field', { field: def.field, object: def.object });
    const test = compileTest(def.errorWhen, obj, objects, 'rule', file, '/errorWhen', err);
    if (test && def.active !== false) {
      const rule: RuleModel = { name: def.name, label: def.label, message: def.message, field: def.field, on: def.on ?? ['create', 'update'], errorWhen: test };
      obj.rules.push(rule);
    }
  }
  for (const list of rules.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  for (const obj of objects.values()) obj.rules.sort((a, b) => a.name.localeCompare(b.name));
  return rules;
}

export const ruleKind: DocumentKind<ValidationRuleDefinition> = {
  name: 'rule',
  folder: 'rules',
  schemaName: 'rule',
  schema: ruleSchema,
  label: { en: 'validation rule', zh: '验证规则' },
  key: (d) => `rule:${d.object}.${d.name}`,
  buildOrder: 50,
  build,
  verbs: {
    save: (actor, rule, mode) => saveDocument(actor, ruleKind.key(rule), rule, `Saved validation rule ${rule.object}.${rule.name}`, mode),
    remove: (actor, object, name) => removeDocument(actor, `rule:${object}.${name}`, `Deleted validation rule ${object}.${name}`, documentNamed(ruleKind.label, object, name)),
  },
};
