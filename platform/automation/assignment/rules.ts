/**
 * An object's active assignment rules, with their conditions parsed against the whole object (the
 * platform's checks see every field), once per metadata build: the documents are new objects on
 * every build, so a WeakMap keyed by them forgets old builds by itself.
 */
import type { AssignmentRuleDefinition } from '../../metadata/generated/assignment_rule';
import type { MetadataModel, ObjectModel } from '../../metadata/model';
import { evaluateCondition } from '../../rules/conditions/evaluate';
import { parseCondition } from '../../rules/conditions/parse';
import type { ConditionContext, ConditionNode } from '../../rules/conditions/types';

export type AssignmentEntry = AssignmentRuleDefinition['entries'][number];
export type AssignmentTarget = AssignmentEntry['assignTo'];

export interface CompiledRule {
  def: AssignmentRuleDefinition;
  /** Each entry's condition (undefined: matches every record; null: broken by a metadata change, matches none). */
  when: (ConditionNode | undefined | null)[];
  open?: ConditionNode;
}

const compiled = new WeakMap<AssignmentRuleDefinition, CompiledRule>();

function compile(def: AssignmentRuleDefinition, obj: ObjectModel): CompiledRule {
  let rule = compiled.get(def);
  if (!rule) {
    const parse = (c: unknown) => (c === undefined ? undefined : (parseCondition(c, obj).condition ?? null));
    rule = { def, when: def.entries.map((e) => parse(e.when)), open: parse(def.open) ?? undefined };
    compiled.set(def, rule);
  }
  return rule;
}

/** The object's active rules, in the order they are tried. */
export function activeRules(meta: MetadataModel, obj: ObjectModel): CompiledRule[] {
  const docs = (meta.documents?.get('assignment_rule')?.get(obj.name) ?? []) as AssignmentRuleDefinition[];
  return docs.filter((d) => d.active !== false).map((d) => compile(d, obj));
}

/** The first entry of the first rule that matches the record, or null. */
export function matchingEntry(rules: CompiledRule[], record: Record<string, unknown>, ctx: ConditionContext): { rule: CompiledRule; entry: AssignmentEntry; index: number } | null {
  for (const rule of rules) {
    for (const [index, entry] of rule.def.entries.entries()) {
      const when = rule.when[index];
      if (when === null) continue;
      if (when === undefined || evaluateCondition(when, record, ctx)) return { rule, entry, index };
    }
  }
  return null;
}
