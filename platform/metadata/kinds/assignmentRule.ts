/**
 * Assignment rules (`assignment_rule:<object>.<name>`, metadata/assignment, schema
 * assignment_rule.schema.json): ordered entries whose first matching condition decides a new
 * record's owner. Conditions run in memory on the record being saved, so lookup paths and related
 * conditions (`with`/`without`) are refused here, as for validation rules; the cap's `open`
 * condition runs as SQL. Queues named by entries must exist for the same object (built before).
 * The write step (platform/automation/assignment) reads them from `meta.documents.get('assignment_rule')`.
 */
import assignmentSchema from '../../../metadata/schema/assignment_rule.schema.json' with { type: 'json' };
import { parseCondition } from '../../rules/conditions/parse';
import type { MessageKey } from '../../core/i18n';
import { documentNamed, removeDocument, saveDocument } from '../documents';
import type { AssignmentRuleDefinition } from '../generated/assignment_rule';
import type { BuildContext, DocumentKind, KindDoc } from './types';

/** Queue names by object, from the queue kind's documents (built before). */
function queuesOf(ctx: BuildContext): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [object, docs] of ctx.built.get('queue') ?? []) out.set(object, new Set((docs as { name: string }[]).map((d) => d.name)));
  return out;
}

function build(docs: KindDoc<AssignmentRuleDefinition>[], ctx: BuildContext): Map<string, AssignmentRuleDefinition[]> {
  const { objects, isGone, err } = ctx;
  const queues = queuesOf(ctx);
  const byObject = new Map<string, AssignmentRuleDefinition[]>();
  for (const { file, def } of docs) {
    const obj = objects.get(def.object);
    if (!obj) {
      if (!isGone(def.object)) err(file, '/object', 'assignment.object', { object: def.object });
      continue;
    }
    if (!obj.fieldMap.has('owner')) err(file, '/object', 'assignment.noOwner', { object: def.object });
    const check = (value: unknown, pointer: string) => {
      for (const e of parseCondition(value, obj, { pointer }).errors) err(file, e.pointer ?? pointer, e.code as MessageKey, e.params);
    };
    if (def.open !== undefined) check(def.open, '/open');
    const names = new Set<string>();
    def.entries.forEach((entry, i) => {
      const at = `/entries/${i}`;
      if (names.has(entry.name)) err(file, `${at}/name`, 'assignment.entryTwice', { entry: entry.name });
      names.add(entry.name);
      if (entry.when !== undefined) check(entry.when, `${at}/when`);
      const target = entry.assignTo;
      const queue = target.type === 'queue' ? target.queue : target.type === 'roundRobin' ? target.fallbackQueue : undefined;
      const pointer = target.type === 'queue' ? `${at}/assignTo/queue` : `${at}/assignTo/fallbackQueue`;
      if (queue && !queues.get(def.object)?.has(queue)) err(file, pointer, 'assignment.queue', { queue, object: def.object });
      // Pools arrive with issue 16: the shape is reserved so rules can be written against it now.
      if (target.type === 'pool') err(file, `${at}/assignTo/pool`, 'assignment.pool', { pool: target.pool });
    });
    byObject.set(def.object, [...(byObject.get(def.object) ?? []), def]);
  }
  const byOrder = (a: AssignmentRuleDefinition, b: AssignmentRuleDefinition) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name);
  for (const list of byObject.values()) list.sort(byOrder);
  return byObject;
}

export const assignmentRuleKind: DocumentKind<AssignmentRuleDefinition> = {
  name: 'assignment_rule',
  folder: 'assignment',
  schemaName: 'assignment_rule',
  schema: assignmentSchema,
  label: { en: 'assignment rule', zh: '分配规则' },
  key: (d) => `assignment_rule:${d.object}.${d.name}`,
  // After queues (entries name them).
  buildOrder: 75,
  build,
  verbs: {
    save: (actor, rule, mode) => saveDocument(actor, assignmentRuleKind.key(rule), rule, `Saved assignment rule ${rule.object}.${rule.name}`, mode),
    remove: (actor, object, name) =>
      removeDocument(actor, `assignment_rule:${object}.${name}`, `Deleted assignment rule ${object}.${name}`, documentNamed(assignmentRuleKind.label, object, name)),
  },
};
