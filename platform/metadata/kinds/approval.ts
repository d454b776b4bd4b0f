/**
 * Approval flows (`approval:<object>.<name>`, metadata/approvals, schema approval.schema.json):
 * checked against their object when metadata is built (entry condition and step criteria compiled,
 * field updates naming writable fields with values the record service will accept), and attached
 * to the object in the order they are tried. A field update the record service would refuse must be caught here: requests
 * keep the flow version they were submitted under, so it would fail every decision on them.
 */
import type { MessageKey } from '../../core/i18n';
import Handlebars from 'handlebars';
import approvalSchema from '../../../metadata/schema/approval.schema.json' with { type: 'json' };
import { fieldType, isWritable } from '../../fields/registry';
import type { FieldDef } from '../../fields/types';
import { createAjv, type AjvInstance } from '../ajv';
import type { ApprovalFlowDefinition, ObjectModel } from '../model';
import { documentNamed, removeDocument, saveDocument } from '../documents';
import { compileTest, type Err } from '../logic';
import type { BuildContext, DocumentKind, KindDoc } from './types';

let ajv: AjvInstance | undefined;
/** Compiled value schemas by their text: every metadata build makes new schema objects. */
const validators = new Map<string, ReturnType<AjvInstance['compile']>>();

/** Why the record service would refuse this value for the field (as an update), or null. */
function valueProblem(field: FieldDef, value: unknown): { key: MessageKey; params?: Record<string, string> } | null {
  if (value === null || value === undefined) return field.required || field.name === 'owner' ? { key: 'approval.actionValue.required' } : null;
  const schema = fieldType(field).properties(field)[field.name];
  if (!schema) return null;
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    ajv ??= createAjv();
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  if (validate(value)) return null;
  const e = validate.errors?.[0];
  return e?.keyword === 'enum' ? { key: 'approval.actionValue.inactive' } : { key: 'approval.actionValue.invalid', params: { reason: e?.message ?? 'invalid' } };
}

/**
 * `afterApproval` names data fields users write (a lock on a formula or a system field means
 * nothing), and "reopen" needs a recall field update: without one the record would still read as
 * approved after the request stopped counting.
 */
function checkAfterApproval(def: ApprovalFlowDefinition, obj: ObjectModel, file: string, err: Err): void {
  const after = def.afterApproval;
  if (!after) return;
  after.fields.forEach((name, i) => {
    const field = obj.fieldMap.get(name);
    if (!field || field.system || !fieldType(field).writable) err(file, `/afterApproval/fields/${i}`, 'approval.afterField', { field: name, object: def.object });
  });
  if (after.onEdit === 'reopen' && !(def.actions?.recall ?? []).some((a) => a.type === 'update')) {
    err(file, '/afterApproval/onEdit', 'approval.reopenRecall');
  }
}

function build(docs: KindDoc<ApprovalFlowDefinition>[], { objects, isGone, err }: BuildContext): Map<string, ApprovalFlowDefinition[]> {
  const byObject = new Map<string, ApprovalFlowDefinition[]>();
  for (const { file, def } of docs) {
    const obj = objects.get(def.object);
    if (!obj) { if (!isGone(def.object)) err(file, '/object', 'approval.object', { object: def.object }); continue; }
    byObject.set(def.object, [...(byObject.get(def.object) ?? []), def]);
    const entry = def.entry === undefined ? undefined : compileTest(def.entry, obj, objects, 'field', file, '/entry', err);
    const seen = new Set<string>();
    const criteria = def.steps.map((step, i) => {
      if (seen.has(step.name)) err(file, `/steps/${i}/name`, 'approval.stepDuplicate', { step: step.name });
      seen.add(step.name);
      return step.criteria === undefined ? undefined : compileTest(step.criteria, obj, objects, 'field', file, `/steps/${i}/criteria`, err);
    });
    for (const [when, list] of Object.entries(def.actions ?? {})) {
      (list ?? []).forEach((action, i) => {
        const at = `/actions/${when}/${i}`;
        if (action.type === 'email') {
          // A template that does not compile would fail every decision on requests of this version.
          for (const part of ['subject', 'body'] as const) {
            for (const lang of ['en', 'zh'] as const) {
              try {
                Handlebars.precompile(action[part][lang]);
              } catch (e) {
                err(file, `${at}/${part}/${lang}`, 'approval.template', { reason: (e as Error).message.split('\n')[0] });
              }
            }
          }
          return;
        }
        const field = obj.fieldMap.get(action.field);
        if (!field || !isWritable(field)) {
          err(file, `${at}/field`, 'approval.actionField', { field: action.field, object: def.object });
          return;
        }
        // What a flow sets is the flow's to write, not the user's (even while the flow is inactive:
        // its results are still on records). The owner keeps its own rules (who may assign records).
        if (field.name !== 'owner') (obj.approvalManaged ??= new Set()).add(field.name);
        if (field.type === 'picklist' && action.value !== null && action.value !== undefined && !(field.options ?? []).some((o) => o.value === action.value)) {
          err(file, `${at}/value`, 'approval.actionValue', { value: String(action.value), object: def.object, field: field.name });
          return;
        }
        const problem = valueProblem(field, action.value);
        if (problem) err(file, `${at}/value`, problem.key, { value: JSON.stringify(action.value ?? null), object: def.object, field: field.name, ...problem.params }, 'approval.actionValue');
      });
    }
    checkAfterApproval(def, obj, file, err);
    obj.approvals.push({ def, name: def.name, order: def.order ?? 100, active: def.active !== false, entry, criteria });
  }
  const byOrder = (a: { order?: number; name: string }, b: { order?: number; name: string }) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name);
  for (const obj of objects.values()) obj.approvals.sort(byOrder);
  for (const list of byObject.values()) list.sort(byOrder);
  return byObject;
}

export const approvalKind: DocumentKind<ApprovalFlowDefinition> = {
  name: 'approval',
  folder: 'approvals',
  schemaName: 'approval',
  schema: approvalSchema,
  label: { en: 'approval flow', zh: '审批流程' },
  key: (d) => `approval:${d.object}.${d.name}`,
  buildOrder: 60,
  build,
  verbs: {
    /**
     * Requests already submitted keep the version of the flow they were submitted under (the
     * engine stores it); the change applies to the next submissions.
     */
    save: (actor, flow, mode) => saveDocument(actor, approvalKind.key(flow), flow, `Saved approval flow ${flow.object}.${flow.name}`, mode),
    remove: (actor, object, name) => removeDocument(actor, `approval:${object}.${name}`, `Deleted approval flow ${object}.${name}`, documentNamed(approvalKind.label, object, name)),
  },
};
