/**
 * The benchmark's organisation: a five-level role hierarchy (general manager, 3 VPs, 9 directors,
 * 27 managers, 243 reps), every opportunity owned by a rep. Built once and kept with the data.
 */
import type pg from 'pg';
import type { WorkspaceRef } from '../../platform/data/context';
import { withTransaction } from '../../platform/db/pool';
import { bumpSecurityRevision } from '../../platform/security/model';

export interface BenchOrg {
  admin: string;
  manager: string;
  rep: string;
}

const LEVELS = [
  ['gm', 1],
  ['vp', 3],
  ['director', 3],
  ['manager', 3],
  ['rep', 9],
] as const;

/** The bench's organisation (built once); unless `reassign` is false, opportunities owned by nobody in it are given to its reps. */
export async function ensureBenchOrg(pool: pg.Pool, workspace: WorkspaceRef, adminId: string, opts: { reassign?: boolean } = {}): Promise<BenchOrg> {
  const existing = await pool.query<{ id: string; email: string }>(`SELECT id, email FROM users WHERE workspace_id = $1 AND email LIKE 'bench.%'`, [workspace.id]);
  if (existing.rowCount === 0) {
    await withTransaction(pool, async (db) => {
      let parents: { role: string | null; path: string }[] = [{ role: null, path: '' }];
      for (const [level, fanout] of LEVELS) {
        const next: typeof parents = [];
        for (const p of parents) {
          for (let i = 0; i < fanout; i++) {
            const path = `${p.path}${i}`;
            const role = await db.query<{ id: string }>('INSERT INTO roles (workspace_id, name, label, parent_id) VALUES ($1, $2, $2, $3) RETURNING id', [
              workspace.id,
              `${level}_${path}`,
              p.role,
            ]);
            const user = await db.query<{ id: string }>('INSERT INTO users (workspace_id, email, name, role_id) VALUES ($1, $2, $3, $4) RETURNING id', [
              workspace.id,
              `bench.${level}.${path}@bench.local`,
              `${level} ${path}`,
              role.rows[0].id,
            ]);
            await db.query(`INSERT INTO user_permission_sets (user_id, permission_set_id) SELECT $1, id FROM permission_sets WHERE workspace_id = $2 AND name = $3`, [
              user.rows[0].id,
              workspace.id,
              level === 'rep' ? 'sales_rep' : 'sales_manager',
            ]);
            next.push({ role: role.rows[0].id, path });
          }
        }
        parents = next;
      }
      await db.query(
        `INSERT INTO user_permission_sets (user_id, permission_set_id) SELECT $1, id FROM permission_sets WHERE workspace_id = $2 AND name = 'admin' ON CONFLICT DO NOTHING`,
        [adminId, workspace.id],
      );
      await bumpSecurityRevision(db, workspace.id);
    });
  }
  const reps = await pool.query<{ id: string }>(`SELECT id FROM users WHERE workspace_id = $1 AND email LIKE 'bench.rep.%' ORDER BY email`, [workspace.id]);
  const owned = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${workspace.schema}"."opportunity" WHERE owner = $1`, [reps.rows[0].id]);
  if (opts.reassign !== false && Number(owned.rows[0].n) === 0) {
    console.log(`Giving the opportunities to ${reps.rowCount} reps...`);
    await pool.query(`UPDATE "${workspace.schema}"."opportunity" SET owner = ($1::uuid[])[1 + (abs(hashtext(id::text)) % $2)]`, [reps.rows.map((r) => r.id), reps.rowCount]);
    await pool.query(`VACUUM ANALYZE "${workspace.schema}"."opportunity"`);
  }
  const manager = await pool.query<{ id: string }>(`SELECT id FROM users WHERE workspace_id = $1 AND email = 'bench.manager.0000@bench.local'`, [workspace.id]);
  return { admin: adminId, manager: manager.rows[0].id, rep: reps.rows[0].id };
}
