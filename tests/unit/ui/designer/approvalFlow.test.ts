/**
 * The approval flow editor's conversions: a stock flow read into the editor and written back
 * unchanged is the same definition (so saving it keeps it stock); edits write only what changed;
 * moving a flow rewrites the order numbers of the flows involved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionsToState,
  moveChanges,
  putOrDefault,
  rowsToSteps,
  sortFlows,
  stateToActions,
  stateToSubmitters,
  stepRowsProblem,
  stepsToRows,
  submittersToState,
} from '../../../../platform/ui/designer/approval/flow';

const stock = (file: string) => JSON.parse(fs.readFileSync(path.resolve('metadata/approvals', file), 'utf8'));

describe('approval flow editor state', () => {
  it.each(['contract.by_margin.json', 'expense.by_amount.json'])('writes %s back exactly as read', (file) => {
    const def = stock(file);
    expect(rowsToSteps(stepsToRows(def.steps))).toEqual(def.steps);
    expect(stateToActions(actionsToState(def.actions))).toEqual(def.actions);
    const out: Record<string, unknown> = { ...def };
    putOrDefault(out, def, 'submitters', stateToSubmitters(submittersToState(def.submitters), 'submitters' in def), undefined);
    putOrDefault(out, def, 'active', true, true);
    putOrDefault(out, def, 'allowRecall', true, true);
    expect(out).toEqual(def);
  });

  it('writes defaults only where the definition spelled them out, and "when not met" only with criteria', () => {
    const [row] = stepsToRows([{ name: 'a', label: { en: 'A', zh: 'A' }, approvers: [{ type: 'manager' }] }]);
    expect(rowsToSteps([{ ...row, criteria: '  ' }])).toEqual([{ name: 'a', label: { en: 'A', zh: 'A' }, approvers: [{ type: 'manager', of: 'submitter', levels: 1 }] }]);
    expect(rowsToSteps([{ ...row, criteria: 'amount > 5', whenNotMet: 'approve', mode: 'all', onReject: 'back', zh: '', en: ' B ' }])).toEqual([
      {
        name: 'a',
        label: { en: 'B', zh: 'B' },
        approvers: [{ type: 'manager', of: 'submitter', levels: 1 }],
        criteria: 'amount > 5',
        whenNotMet: 'approve',
        mode: 'all',
        onReject: 'back',
      },
    ]);
    expect(stateToSubmitters({ owner: true, creator: false, editors: false, roles: [], groups: [] }, false)).toBeUndefined();
    expect(stateToSubmitters({ owner: false, creator: true, editors: false, roles: ['sales_rep'], groups: ['key_accounts'] }, false)).toEqual([
      { type: 'creator' },
      { type: 'role', role: 'sales_rep' },
      { type: 'group', group: 'key_accounts' },
    ]);
    expect(stateToActions({ submit: [{ key: 'x', type: 'update', field: 'status', value: '' }], approve: [], reject: [], recall: [] })).toEqual({
      submit: [{ type: 'update', field: 'status' }],
    });
  });

  it('finds steps the server would refuse before sending them', () => {
    const rows = stepsToRows(stock('contract.by_margin.json').steps);
    expect(stepRowsProblem(rows)).toBeNull();
    expect(stepRowsProblem([])).toBe('designer.approval.noSteps');
    expect(stepRowsProblem([rows[0], { ...rows[1], name: rows[0].name }])).toBe('designer.approval.badStepName');
    expect(stepRowsProblem([{ ...rows[0], approvers: [{ type: 'role' }] }])).toBe('designer.approval.badStep');
    expect(stepRowsProblem([{ ...rows[0], approvers: [{ type: 'department_head', department: '' }] }])).toBe('designer.approval.badStep');
  });

  it('moving a flow swaps two distinct order numbers, or renumbers every flow when they are shared', () => {
    const flows = sortFlows([
      { name: 'c', order: 30 },
      { name: 'a', order: 10 },
      { name: 'b', order: 20 },
    ]);
    expect(flows.map((f) => f.name)).toEqual(['a', 'b', 'c']);
    expect(moveChanges(flows, 2, 1).map(({ flow, order }) => [flow.name, order])).toEqual([
      ['c', 20],
      ['b', 30],
    ]);
    const same = sortFlows([{ name: 'b' }, { name: 'a' }, { name: 'c', order: 100 }]);
    expect(moveChanges(same, 1, 0).map(({ flow, order }) => [flow.name, order])).toEqual([
      ['b', 10],
      ['a', 20],
      ['c', 30],
    ]);
    expect(moveChanges(flows, 0, -1)).toEqual([]);
  });
});
