/** Administration services: what they refuse (with field-naming errors), what they audit, and that changes apply on the next request. */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, listRecords } from '../../../platform/data';
import { getPrisma } from '../../../platform/db/prisma';
import { stockMetadata } from '../../../platform/metadata/registry';
import { createNode, deleteNode, saveGroup, updateNode } from '../../../platform/security/admin/org';
import { deletePermissionSet, savePermissionSet } from '../../../platform/security/admin/permissionSets';
import { saveRule, setObjectDefault } from '../../../platform/security/admin/sharing';
import { createUser, updateUser, type AdminActor } from '../../../platform/security/admin/users';
import { login } from '../../../platform/security/sessions';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

let tw: TestWorkspace;
let actor: AdminActor;
const prisma = () => getPrisma(inject('databaseUrl'));

beforeAll(async () => {
  tw = await createTestWorkspace('admin');
  actor = { workspaceId: tw.workspace.id, userId: tw.admin.id, locale: 'en' };
});

const setId = async (name: string) => (await prisma().permissionSet.findFirstOrThrow({ where: { workspaceId: tw.workspace.id, name } })).id;

describe('users', () => {
  it('creates a user who can sign in, and audits it', async () => {
    const { id } = await createUser(prisma(), actor, { email: 'New.Rep@Example.test', name: '新代表', password: 'a good password', permissionSetIds: [await setId('sales_rep')] });
    expect((await login(prisma(), 'new.rep@example.test', 'a good password')).ok).toBe(true);
    expect(await prisma().auditEvent.count({ where: { workspaceId: tw.workspace.id, action: 'user.create', targetId: id } })).toBe(1);
  });

  it.each([
    ['a malformed email', { email: 'nope', name: 'X', password: 'a good password' }, 'email'],
    ['a taken email', { email: 'new.rep@example.test', name: 'X', password: 'a good password' }, 'email'],
    ['a short password', { email: 'short@example.test', name: 'X', password: 'short' }, 'password'],
    ['a blank name', { email: 'blank@example.test', name: '  ', password: 'a good password' }, 'name'],
    ['a role of another workspace', { email: 'r@example.test', name: 'X', password: 'a good password', roleId: '00000000-0000-4000-8000-000000000000' }, 'roleId'],
  ])('refuses %s, naming the field', async (_name, input, field) => {
    await expect(createUser(prisma(), actor, input)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field }] });
  });

  it("refuses a reporting loop and keeps the admin's own right to manage users", async () => {
    const a = await tw.addUser('Boss');
    const b = await tw.addUser('Report');
    await updateUser(prisma(), actor, b.id, { managerId: a.id });
    await expect(updateUser(prisma(), actor, a.id, { managerId: b.id })).rejects.toMatchObject({ details: [{ field: 'managerId', code: 'admin.managerLoop' }] });
    await expect(updateUser(prisma(), actor, tw.admin.id, { permissionSetIds: [await setId('sales_rep')] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("a new permission set applies on the user's next request", async () => {
    const u = await tw.addUser('Upgraded', { permissionSets: [] });
    await expect(listRecords(await tw.ctx(u), 'account')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await updateUser(prisma(), actor, u.id, { permissionSetIds: [await setId('sales_rep')] });
    await expect(listRecords(await tw.ctx(u), 'account')).resolves.toMatchObject({ records: [] });
  });
});

describe('roles and departments', () => {
  it('refuses loops, duplicate names and deleting a node in use', async () => {
    const top = await createNode(prisma(), actor, 'role', { name: 'top', label: 'Top' });
    const mid = await createNode(prisma(), actor, 'role', { name: 'mid', label: 'Mid', parentId: top.id });
    await expect(updateNode(prisma(), actor, 'role', top.id, { parentId: mid.id })).rejects.toMatchObject({ details: [{ field: 'parentId', code: 'admin.treeLoop' }] });
    await expect(createNode(prisma(), actor, 'role', { name: 'top', label: 'Again' })).rejects.toMatchObject({ details: [{ field: 'name', code: 'admin.nameTaken' }] });
    await expect(createNode(prisma(), actor, 'role', { name: 'Bad Name', label: 'X' })).rejects.toMatchObject({ details: [{ field: 'name', code: 'admin.apiName' }] });
    await expect(deleteNode(prisma(), actor, 'role', top.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await tw.addUser('In mid', { roleId: mid.id });
    await expect(deleteNode(prisma(), actor, 'role', mid.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const dept = await createNode(prisma(), actor, 'department', { name: 'empty_dept', label: 'Empty' });
    await deleteNode(prisma(), actor, 'department', dept.id);
    expect(await prisma().department.count({ where: { id: dept.id } })).toBe(0);
  });

  it("moving a rep under a manager's role gives the manager their records on the next request", async () => {
    const mgrRole = await createNode(prisma(), actor, 'role', { name: 'mgr', label: 'Manager' });
    const repRole = await createNode(prisma(), actor, 'role', { name: 'rep', label: 'Rep' });
    const mgr = await tw.addUser('Mgr', { permissionSets: ['sales_manager'], roleId: mgrRole.id });
    const rep = await tw.addUser('Rep', { permissionSets: ['sales_rep'], roleId: repRole.id });
    await createRecord(await tw.ctx(rep), 'account', { name: 'Rep account for hierarchy' });
    const mine = async () => (await listRecords(await tw.ctx(mgr), 'account', { search: 'Rep account for hierarchy' })).records.length;
    expect(await mine()).toBe(0);
    await updateNode(prisma(), actor, 'role', repRole.id, { parentId: mgrRole.id });
    expect(await mine()).toBe(1);
  });
});

describe('permission sets and sharing', () => {
  it('stock sets cannot be deleted; custom sets in use cannot either; unknown objects and fields are refused', async () => {
    await expect(deletePermissionSet(prisma(), actor, await setId('sales_rep'))).rejects.toMatchObject({ code: 'CONFLICT', details: [{ code: 'admin.stockSet' }] });
    const base = { name: 'viewer', label: 'Viewer', system: {}, objects: { account: { read: true } }, fields: {} };
    const { id } = await savePermissionSet(prisma(), actor, stockMetadata(), base);
    await tw.addUser('Viewer user', { permissionSets: ['viewer'] });
    await expect(deletePermissionSet(prisma(), actor, id)).rejects.toMatchObject({ code: 'CONFLICT', details: [{ code: 'admin.setInUse' }] });
    await expect(savePermissionSet(prisma(), actor, stockMetadata(), { ...base, name: 'x1', objects: { ghost: { read: true } } })).rejects.toMatchObject({
      details: [{ field: 'objects.ghost' }],
    });
    await expect(savePermissionSet(prisma(), actor, stockMetadata(), { ...base, name: 'x2', fields: { account: { owner: { read: false, edit: false } } } })).rejects.toMatchObject({
      details: [{ field: 'fields.account.owner' }],
    });
  });

  it('a criteria rule with a bad condition is refused with the reason; a good one is audited', async () => {
    const g = await saveGroup(prisma(), actor, { name: 'watchers', label: 'Watchers', memberIds: [] });
    const rule = {
      object: 'account',
      name: 'bad',
      label: 'Bad',
      kind: 'criteria' as const,
      condition: { field: 'level', op: 'gt', value: 'a' },
      granteeType: 'group' as const,
      granteeId: g.id,
      access: 'read' as const,
    };
    await expect(saveRule(prisma(), actor, stockMetadata(), rule)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'condition' }] });
    const ok = await saveRule(prisma(), actor, stockMetadata(), { ...rule, name: 'good', condition: { field: 'level', op: 'eq', value: 'a' } });
    expect(await prisma().auditEvent.count({ where: { workspaceId: tw.workspace.id, action: 'sharingRule.create', targetId: ok.id } })).toBe(1);
    await expect(setObjectDefault(prisma(), actor, stockMetadata(), 'ghost', 'read', true)).rejects.toMatchObject({ details: [{ field: 'object' }] });
  });
});
