/**
 * The stock permission sets every workspace starts with: Admin (everything), Sales Manager and
 * Sales Rep (no delete). Created when missing, never overwritten: admins may change them.
 */
import type { Queryable } from '../db/pool';
import { forgetRemembered } from '../db/listen';

type Rights = Partial<Record<'create' | 'read' | 'edit' | 'delete' | 'viewAll' | 'modifyAll', boolean>>;

export interface StockPermissionSet {
  name: string;
  label: string;
  labelZh: string;
  description: string;
  allObjects?: boolean;
  system?: Partial<Record<'customizeMetadata' | 'manageUsers' | 'importData' | 'exportData' | 'transferRecords' | 'viewAudit', boolean>>;
  objects?: Record<string, Rights>;
  fields?: Record<string, Record<string, { read: boolean; edit: boolean }>>;
}

const CRUD: Rights = { create: true, read: true, edit: true, delete: true };
const CRU: Rights = { create: true, read: true, edit: true };

const STOCK_PERMISSION_SETS: StockPermissionSet[] = [
  {
    name: 'admin',
    label: 'Admin',
    labelZh: '系统管理员',
    description: 'Every right on every object and every system right.',
    allObjects: true,
    system: { customizeMetadata: true, manageUsers: true, importData: true, exportData: true, transferRecords: true, viewAudit: true },
  },
  {
    name: 'sales_manager',
    label: 'Sales Manager',
    labelZh: '销售经理',
    description: 'Works with customers, leads, opportunities, contracts and activities, and may delete them; sees the team through the role hierarchy.',
    system: { importData: true, exportData: true },
    objects: { lead: CRUD, account: CRUD, contact: CRUD, opportunity: CRUD, quote: CRUD, contract: CRUD, expense: CRUD, activity: CRUD },
  },
  {
    name: 'sales_rep',
    label: 'Sales Rep',
    labelZh: '销售代表',
    description: 'Creates and edits their own customers, leads, opportunities and activities; cannot delete; does not see contract cost.',
    objects: { lead: CRU, account: CRU, contact: CRU, opportunity: CRU, quote: CRU, contract: CRU, expense: CRU, activity: CRU },
    fields: {
      contract: { cost: { read: false, edit: false } },
      account: { annual_revenue: { read: true, edit: false } },
    },
  },
];

/** Create the stock sets a workspace lacks (by name); existing ones are left as the admin made them. */
export async function ensureStockPermissionSets(db: Queryable, workspaceId: string): Promise<void> {
  for (const s of STOCK_PERMISSION_SETS) {
    const sys = s.system ?? {};
    const res = await db.query<{ id: string }>(
      `INSERT INTO permission_sets (workspace_id, name, label, label_zh, description, is_stock, all_objects,
         customize_metadata, manage_users, import_data, export_data, transfer_records, view_audit)
       VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id`,
      [
        workspaceId,
        s.name,
        s.label,
        s.labelZh,
        s.description,
        Boolean(s.allObjects),
        Boolean(sys.customizeMetadata),
        Boolean(sys.manageUsers),
        Boolean(sys.importData),
        Boolean(sys.exportData),
        Boolean(sys.transferRecords),
        Boolean(sys.viewAudit),
      ],
    );
    const created = res.rows[0]?.id;
    // An object that an upgrade adds to stock (quote) gets its stock rights in existing stock sets,
    // once: while its table does not exist yet in the workspace. Afterwards the rights are the
    // admin's (a row the admin deleted stays deleted).
    const id = created ?? (await db.query<{ id: string }>('SELECT id FROM permission_sets WHERE workspace_id = $1 AND name = $2 AND is_stock', [workspaceId, s.name])).rows[0]?.id;
    if (!id) continue;
    const fresh = created ? null : await newObjects(db, workspaceId, Object.keys(s.objects ?? {}));
    for (const [object, r] of Object.entries(s.objects ?? {})) {
      if (fresh && !fresh.has(object)) continue;
      await db.query(
        `INSERT INTO permission_set_objects (permission_set_id, object, can_create, can_read, can_edit, can_delete, view_all, modify_all) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (permission_set_id, object) DO NOTHING`,
        [id, object, Boolean(r.create), Boolean(r.read), Boolean(r.edit), Boolean(r.delete), Boolean(r.viewAll), Boolean(r.modifyAll)],
      );
    }
    if (!created) continue;
    for (const [object, fields] of Object.entries(s.fields ?? {})) {
      for (const [field, r] of Object.entries(fields)) {
        await db.query('INSERT INTO permission_set_fields (permission_set_id, object, field, can_read, can_edit) VALUES ($1, $2, $3, $4, $5)', [id, object, field, r.read, r.edit]);
      }
    }
  }
}

/** Of these objects, those without a table in the workspace's schema yet (new to the workspace). */
async function newObjects(db: Queryable, workspaceId: string, objects: string[]): Promise<Set<string>> {
  const res = await db.query<{ name: string }>(
    `SELECT o AS name FROM unnest($2::text[]) AS o WHERE NOT EXISTS (
       SELECT 1 FROM information_schema.tables t JOIN workspaces w ON w.schema_name = t.table_schema WHERE w.id = $1 AND t.table_name = o)`,
    [workspaceId, objects],
  );
  return new Set(res.rows.map((r) => r.name));
}

/** Give a user the permission sets with these names (missing assignments only). */
export async function assignPermissionSets(db: Queryable, workspaceId: string, userId: string, names: string[]): Promise<void> {
  await db.query(
    `INSERT INTO user_permission_sets (user_id, permission_set_id)
     SELECT $1, id FROM permission_sets WHERE workspace_id = $2 AND name = ANY($3::text[]) ON CONFLICT DO NOTHING`,
    [userId, workspaceId, names],
  );
  await db.query('UPDATE workspaces SET security_revision = security_revision + 1 WHERE id = $1', [workspaceId]);
  forgetRemembered();
}
