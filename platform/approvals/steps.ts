/**
 * What approvals do to record writes (see locks.ts and requests.ts for the rules themselves):
 * - `approvals.managedOnCreate` (input; create): values for fields a flow sets are refused, or an
 *   administrator's kept for the audit log;
 * - `approvals.lock` (locked; update, delete): a pending request locks the record;
 * - `approvals.closeOnDelete` (before the write; delete): the pending request closes, its recall
 *   updates applied first, so a restored record can be submitted again;
 * - `approvals.fields` (after the write; create, update): approval-managed and approved-locked
 *   fields, audit of administrators' overrides, and "reopen" sending the record back.
 */
import type { FieldChange } from '../security/history';
import type { WriteStep } from '../data/steps';
import { assertNotLocked, checkApprovalFields, checkManagedOnCreate } from './locks';
import { auditOverride, cancelOnDelete } from './requests';

const OVERRIDES = 'approvals.overrides';

export const managedOnCreateStep: WriteStep = {
  name: 'approvals.managedOnCreate',
  phase: 'input',
  modes: ['create'],
  run(ctx, _client, write) {
    const managed = checkManagedOnCreate(ctx, write.full, write.input);
    write.errors.push(...managed.errors);
    write.state.set(OVERRIDES, managed.overrides);
  },
};

export const lockStep: WriteStep = {
  name: 'approvals.lock',
  phase: 'locked',
  modes: ['update', 'delete'],
  run: (ctx, client, write) => assertNotLocked(ctx, client!, write.obj, write.id!, write.mode === 'delete' ? 'delete' : 'edit'),
};

export const closeOnDeleteStep: WriteStep = {
  name: 'approvals.closeOnDelete',
  phase: 'beforeWrite',
  modes: ['delete'],
  async run(ctx, client, write) {
    const recall = await cancelOnDelete(client!, ctx, write.full, write.id!);
    if (recall) write.platformUpdates.push(recall);
  },
};

export const approvalFieldsStep: WriteStep = {
  name: 'approvals.fields',
  phase: 'afterWrite',
  modes: ['create', 'update'],
  async run(ctx, client, write) {
    if (!write.id) return;
    if (write.mode === 'create') {
      const overrides = (write.state.get(OVERRIDES) as FieldChange[] | undefined) ?? [];
      if (overrides.length) await auditOverride(client!, ctx, write.obj.name, write.id, 'approvalManaged', overrides);
      return;
    }
    // Judged on what was written (the database's own values), so "the same value" means the same.
    const reopened = await checkApprovalFields(ctx, client!, write.full, write.id, write.changes);
    if (reopened) write.platformUpdates.push(reopened);
  },
};
