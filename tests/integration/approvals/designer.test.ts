/**
 * Approval flows in the designer: saved and deleted over tRPC (with a session) and REST (with an
 * API key), listed with where they come from; a broken flow is refused naming the JSON pointer at
 * fault; saving a flow leaves requests in flight on the version they were submitted under; the
 * order flows are tried in survives a package export and install into another workspace.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { GET, POST } = await import('../../../app/api/trpc/[trpc]/route');
const { getPool } = await import('../../../platform/db/pool');
const { getPrisma } = await import('../../../platform/db/prisma');
const { createRecord } = await import('../../../platform/data');
const designer = await import('../../../platform/metadata/designer');
const { getMetadata } = await import('../../../platform/metadata/registry');
const { exportPackage, installPackage, packageFromFiles } = await import('../../../platform/packages/packages');
const { submitForApproval } = await import('../../../platform/approvals/engine');
const { recordApproval } = await import('../../../platform/approvals/read');
const { login, SESSION_COOKIE } = await import('../../../platform/security/sessions');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { createTestWorkspace } = await import('../../support/workspace');
const { apiClient, clientFor, expectError } = await import('../api/api');

type Api = Awaited<ReturnType<typeof apiClient>>;
type Flow = Record<string, unknown> & { object: string; name: string };

let api: Api;
let cookie = '';
let approverEmail = '';

const L = (en: string, zh: string) => ({ en, zh });
const actor = () => ({ pool: getPool(api.tw.url), workspace: api.tw.workspace, userId: api.tw.admin.id });

async function trpc(kind: 'query' | 'mutation', path: string, input: unknown) {
  const headers = { cookie, 'content-type': 'application/json' };
  const url = `http://localhost/api/trpc/${path}`;
  const res =
    kind === 'query'
      ? await GET(new Request(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers }))
      : await POST(new Request(url, { method: 'POST', headers, body: JSON.stringify(input) }));
  return { status: res.status, body: await res.json() };
}

async function designerApprovals(object: string): Promise<(Flow & { source: string; customized: boolean; order?: number })[]> {
  const res = await trpc('query', 'designer.object', { name: object });
  expect(res.status).toBe(200);
  return res.body.result.data.approvals;
}

/** A flow of one step for big contracts, approved by one named user. */
function bigContracts(name = 'big_contracts'): Flow {
  return {
    object: 'contract',
    name,
    label: L('Big contracts', '大额合同'),
    order: 5,
    entry: 'amount >= 1000000',
    steps: [{ name: 'admin', label: L('Administrator', '管理员'), approvers: [{ type: 'users', users: [approverEmail] }] }],
    actions: { submit: [{ type: 'update', field: 'status', value: 'in_approval' }] },
  };
}

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; details: { pointer?: string; file?: string; code: string; message: string }[] };
  }
  throw new Error('expected the change to be refused');
}

beforeAll(async () => {
  api = await apiClient('appr_des');
  const prisma = getPrisma(api.tw.url);
  approverEmail = (await api.tw.addUser('Approver')).email;
  cookie = `${SESSION_COOKIE}=${((await login(prisma, api.tw.admin.email, 'correct horse battery')) as { token: string }).token}`;
});

describe('approval flows in the designer', () => {
  it('lists the stock flow of an object, marked as stock', async () => {
    const flows = await designerApprovals('contract');
    expect(flows.map((f) => [f.name, f.source, f.customized])).toEqual([['by_margin', 'stock', false]]);
    expect(flows[0]).toMatchObject({ order: 10, steps: [expect.objectContaining({ name: 'sales_director' }), expect.anything(), expect.anything()] });
  });

  it("saves a new flow over tRPC; it is in the object's metadata on both APIs, tried first", async () => {
    const saved = await trpc('mutation', 'designer.saveApproval', { approval: bigContracts(), mode: 'create' });
    expect(saved.status).toBe(200);
    expect(saved.body.result.data.revision).toBeGreaterThan(0);
    const flows = await designerApprovals('contract');
    expect(flows.map((f) => [f.name, f.source, f.customized])).toEqual(
      expect.arrayContaining([
        ['big_contracts', 'workspace', false],
        ['by_margin', 'stock', false],
      ]),
    );
    const doc = await api.get('/api/v1/metadata/objects/contract');
    expect(doc.status).toBe(200);
    expect(doc.body.approvals.find((f: Flow) => f.name === 'big_contracts')).toMatchObject({ label: L('Big contracts', '大额合同'), order: 5, entry: 'amount >= 1000000' });
    const meta = await getMetadata(api.tw.workspace, getPool(api.tw.url));
    expect(meta.objects.get('contract')!.approvals.map((f) => f.name)).toEqual(['big_contracts', 'by_margin']);
  });

  it('creating a flow whose name is in use is refused instead of replacing it', async () => {
    const res = await trpc('mutation', 'designer.saveApproval', { approval: { ...bigContracts(), label: L('Other', '其他') }, mode: 'create' });
    expect(res.status).toBe(409);
    expect(res.body.error.data.appError).toMatchObject({ code: 'CONFLICT', details: [expect.objectContaining({ field: 'name', pointer: '/name' })] });
  });

  it('refuses an update action on a field the object does not have, naming the pointer (REST and tRPC)', async () => {
    const flow = { ...bigContracts('typo_field'), actions: { approve: [{ type: 'update', field: 'stauts', value: 'approved' }] } };
    const error = expectError(await api.put('/api/v1/metadata/approvals/contract/typo_field', flow), 422, 'METADATA_INVALID');
    expect(error.details).toEqual([expect.objectContaining({ code: 'approval.actionField', pointer: '/actions/approve/0/field', file: 'approvals/contract.typo_field.json' })]);
    // Where is in the detail (above); the sentence names the field.
    expect(error.details[0].message).toMatch(/^"stauts" is not a field of contract/);
    const res = await trpc('mutation', 'designer.saveApproval', { approval: flow, mode: 'create' });
    expect(res.status).toBe(422);
    expect(res.body.error.data.appError.details).toEqual([expect.objectContaining({ pointer: '/actions/approve/0/field' })]);
    expect((await designerApprovals('contract')).some((f) => f.name === 'typo_field')).toBe(false);
  });

  it('refuses an unknown property of an update action and a value that is not an option, by pointer', async () => {
    const unknownProp = { ...bigContracts('typo_prop'), actions: { recall: [{ type: 'update', field: 'status', valeu: 'draft' }] } };
    const e1 = expectError(await api.put('/api/v1/metadata/approvals/contract/typo_prop', unknownProp), 422, 'METADATA_INVALID');
    expect(e1.details.map((d) => d.pointer)).toContain('/actions/recall/0');
    expect(e1.details.some((d) => /unknown property "valeu"/.test(d.message))).toBe(true);
    const badOption = { ...bigContracts('bad_option'), actions: { approve: [{ type: 'update', field: 'status', value: 'approvd' }] } };
    const e2 = expectError(await api.put('/api/v1/metadata/approvals/contract/bad_option', badOption), 422, 'METADATA_INVALID');
    expect(e2.details).toEqual([expect.objectContaining({ code: 'approval.actionValue', pointer: '/actions/approve/0/value' })]);
  });

  it('refuses field updates the record service would refuse when a request is decided: a value of the wrong type, a required field cleared', async () => {
    const flow = {
      ...bigContracts('bad_values'),
      actions: {
        approve: [{ type: 'update', field: 'amount', value: 'lots' }],
        reject: [
          { type: 'update', field: 'name', value: null },
          { type: 'update', field: 'signed_date', value: '2026-02-30x' },
        ],
      },
    };
    const err = expectError(await api.put('/api/v1/metadata/approvals/contract/bad_values', flow), 422, 'METADATA_INVALID');
    expect(err.details.map((d) => [d.pointer, d.code])).toEqual([
      ['/actions/approve/0/value', 'approval.actionValue'],
      ['/actions/reject/0/value', 'approval.actionValue'],
      ['/actions/reject/1/value', 'approval.actionValue'],
    ]);
    expect(err.details[1].message).toMatch(/contract\.name cannot be cleared/);
    const ok = {
      ...flow,
      actions: {
        approve: [
          { type: 'update', field: 'amount', value: 1000 },
          { type: 'update', field: 'signed_date', value: '2026-02-28' },
          { type: 'update', field: 'description', value: null },
        ],
      },
    };
    expect((await api.put('/api/v1/metadata/approvals/contract/bad_values', ok)).status).toBe(200);
    expect((await api.del('/api/v1/metadata/approvals/contract/bad_values')).status).toBe(200);
  });

  it('refuses an e-mail whose template does not compile, naming the part and language', async () => {
    const mail = { type: 'email', to: ['submitter'], subject: L('Approved {{record.number}}', '已批准 {{record.number}}'), body: L('Done {{#if comment}}{{comment}}', '完成') };
    const err = expectError(
      await api.put('/api/v1/metadata/approvals/contract/bad_template', { ...bigContracts('bad_template'), actions: { approve: [mail] } }),
      422,
      'METADATA_INVALID',
    );
    expect(err.details.map((d) => [d.pointer, d.code])).toEqual([['/actions/approve/0/body/en', 'approval.template']]);
  });

  it("refuses a step criteria formula with a typo, naming the step's pointer and the position", async () => {
    const flow = bigContracts('typo_criteria');
    flow.steps = [
      ...(flow.steps as object[]),
      { name: 'second', label: L('Second', '第二步'), approvers: [{ type: 'role', role: 'general_manager' }], criteria: 'BLANKVALUE(margn, 0) < 30' },
    ];
    const err = await rejection(designer.saveApproval(actor(), flow as never, 'create'));
    expect(err.code).toBe('METADATA_INVALID');
    expect(err.details).toEqual([expect.objectContaining({ code: expect.stringMatching(/^formula\./), pointer: '/steps/1/criteria' })]);
    expect(err.details[0]).toMatchObject({ file: 'approvals/contract.typo_criteria.json', pointer: '/steps/1/criteria' });
    expect(err.details[0].message).toMatch(/margn.*position/);
    const bad = expectError(await api.put('/api/v1/metadata/approvals/contract/typo_entry', { ...bigContracts('typo_entry'), entry: 'amount >= ' }), 422, 'METADATA_INVALID');
    expect(bad.details[0]).toMatchObject({ pointer: '/entry', code: expect.stringMatching(/^formula\./) });
  });

  it('a user without "customise metadata" cannot save or delete flows', async () => {
    const user = await api.tw.addUser('Rep', { permissionSets: ['sales_rep'] });
    const rep = clientFor(api.tw, (await createApiKey(getPrisma(api.tw.url), user.id, 'rep')).key);
    expectError(await rep.put('/api/v1/metadata/approvals/contract/rep_flow', bigContracts('rep_flow')), 403, 'FORBIDDEN');
    expectError(await rep.del('/api/v1/metadata/approvals/contract/big_contracts'), 403, 'FORBIDDEN');
  });

  it('editing a flow leaves a request in flight on its version; the next submission uses the new one', async () => {
    const ctx = await api.tw.ctx();
    const account = String((await createRecord(ctx, 'account', { name: 'Approvals Co' })).id);
    const first = await createRecord(ctx, 'contract', { name: 'Big one', account, amount: 2000000, cost: 1000000 });
    await submitForApproval(ctx, 'contract', String(first.id));
    const flow = bigContracts();
    flow.steps = [{ name: 'admin', label: L('Administrator (new)', '管理员（新）'), approvers: [{ type: 'users', users: [approverEmail] }] }];
    await designer.saveApproval(actor(), flow as never, 'update');
    const before = (await recordApproval(ctx, 'contract', String(first.id))).current!;
    expect(before.flow.version).toBe(1);
    expect(before.steps.map((s) => s.label.en)).toEqual(['Administrator']);
    const later = await api.tw.ctx(); // a new request sees the new metadata
    const second = await createRecord(later, 'contract', { name: 'Big two', account, amount: 3000000, cost: 1000000 });
    await submitForApproval(later, 'contract', String(second.id));
    const after = (await recordApproval(later, 'contract', String(second.id))).current!;
    expect(after.flow.version).toBe(2);
    expect(after.steps.map((s) => s.label.en)).toEqual(['Administrator (new)']);
  });

  it('changing a stock flow marks it customised; deleting a workspace flow removes it (over REST), twice is a 404', async () => {
    const stock = (await designerApprovals('contract')).find((f) => f.name === 'by_margin')!;
    const { source: _s, customized: _c, ...def } = stock;
    const steps = (def.steps as { name: string; criteria?: string }[]).map((s) => (s.name === 'commercial_director' ? { ...s, criteria: 'BLANKVALUE(margin, 0) < 25' } : s));
    const put = await api.put('/api/v1/metadata/approvals/contract/by_margin', { ...def, steps });
    expect(put.status).toBe(200);
    const changed = (await designerApprovals('contract')).find((f) => f.name === 'by_margin')!;
    expect(changed).toMatchObject({ source: 'stock', customized: true });
    expect((changed.steps as { criteria?: string }[])[1].criteria).toBe('BLANKVALUE(margin, 0) < 25');

    const del = await api.del('/api/v1/metadata/approvals/contract/big_contracts');
    expect(del.status).toBe(200);
    expect(del.body.changes).toEqual(['approval:contract.big_contracts']);
    expect((await api.get('/api/v1/metadata/objects/contract')).body.approvals.map((f: Flow) => f.name)).toEqual(['by_margin']);
    expectError(await api.del('/api/v1/metadata/approvals/contract/big_contracts'), 404, 'NOT_FOUND');
    const gone = await trpc('mutation', 'designer.deleteApproval', { object: 'contract', name: 'big_contracts' });
    expect(gone.body.error.data.appError.code).toBe('NOT_FOUND');
  });
});

describe('approval flows travel in packages', () => {
  it('the order flows are tried in survives export and install into another workspace', async () => {
    // Two more flows, then the last one moved to the top as the designer does: orders rewritten.
    await designer.saveApproval(actor(), { ...bigContracts('small_contracts'), label: L('Small contracts', '小额合同'), entry: 'amount < 10000', order: 20 } as never, 'create');
    await designer.saveApproval(actor(), { ...bigContracts('renewals'), label: L('Renewals', '续约合同'), entry: "status = 'draft'", order: 30, active: false } as never, 'create');
    const now = await designerApprovals('contract');
    for (const [name, order] of [
      ['renewals', 10],
      ['by_margin', 20],
      ['small_contracts', 30],
    ] as const) {
      const { source: _s, customized: _c, ...def } = now.find((f) => f.name === name)!;
      await trpc('mutation', 'designer.saveApproval', { approval: { ...def, order }, mode: 'update' });
    }
    const orderOf = (m: Awaited<ReturnType<typeof getMetadata>>) => m.objects.get('contract')!.approvals.map((f) => [f.name, f.order, f.active]);
    const expected = [
      ['renewals', 10, false],
      ['by_margin', 20, true],
      ['small_contracts', 30, true],
    ];
    expect(orderOf(await getMetadata(api.tw.workspace, getPool(api.tw.url)))).toEqual(expected);

    const files = await exportPackage(getPool(api.tw.url), api.tw.workspace.id, {
      name: 'contract_flows',
      version: '1.0.0',
      label: L('Contract flows', '合同审批'),
      objects: ['contract'],
    });
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['approvals/contract.by_margin.json', 'approvals/contract.renewals.json', 'approvals/contract.small_contracts.json']),
    );
    const other = await createTestWorkspace('appr_pkg');
    await installPackage({ pool: getPool(other.url), workspace: other.workspace, userId: other.admin.id }, packageFromFiles(files));
    const installed = await getMetadata(other.workspace, getPool(other.url));
    expect(orderOf(installed)).toEqual(expected);
    // The customised stock flow came along with its change.
    expect(installed.objects.get('contract')!.approvals.find((f) => f.name === 'by_margin')!.def.steps[1]?.criteria).toBe('BLANKVALUE(margin, 0) < 25');
  });
});
