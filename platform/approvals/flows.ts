/**
 * Flow versions. A request runs on the definition it was submitted under: the first submission
 * under a definition stores it as a new version (keyed by its hash), so editing an active flow
 * creates a new version and requests in flight keep theirs. Criteria of a stored version are
 * compiled against the object as it is now (cached per version).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ErrorDetail } from '../core/errors';
import { compileTest } from '../metadata/logic';
import type { ApprovalFlowDefinition, MetadataModel, ObjectModel, RecordTest } from '../metadata/model';

export interface FlowVersion {
  id: string;
  version: number;
  def: ApprovalFlowDefinition;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** The stored version of this definition (created when new). */
export async function versionOf(client: pg.PoolClient, workspaceId: string, def: ApprovalFlowDefinition): Promise<FlowVersion> {
  const { $schema: _s, ...body } = def as ApprovalFlowDefinition & { $schema?: string };
  const hash = createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
  // Serialise version numbering per flow (two first submissions at once must not both be version n).
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`approval-flow:${workspaceId}:${def.object}.${def.name}`]);
  const found = await client.query<{ id: string; version: number }>(
    'SELECT id, version FROM approval_flow_versions WHERE workspace_id = $1 AND object = $2 AND flow = $3 AND hash = $4',
    [workspaceId, def.object, def.name, hash],
  );
  if (found.rowCount) return { id: found.rows[0].id, version: found.rows[0].version, def: body as ApprovalFlowDefinition };
  const res = await client.query<{ id: string; version: number }>(
    `INSERT INTO approval_flow_versions (workspace_id, object, flow, version, hash, definition)
     SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, $5 FROM approval_flow_versions WHERE workspace_id = $1 AND object = $2 AND flow = $3
     RETURNING id, version`,
    [workspaceId, def.object, def.name, hash, JSON.stringify(body)],
  );
  return { id: res.rows[0].id, version: res.rows[0].version, def: body as ApprovalFlowDefinition };
}

const compiled = new Map<string, (RecordTest | undefined | 'invalid')[]>();

/** A version's step criteria compiled against the object now; 'invalid' when they no longer compile (a field was removed). */
export function stepCriteria(version: { id: string; def: ApprovalFlowDefinition }, obj: ObjectModel, meta: MetadataModel): (RecordTest | undefined | 'invalid')[] {
  const key = `${version.id}:${meta.revision}`;
  let out = compiled.get(key);
  if (!out) {
    out = version.def.steps.map((s) => {
      if (s.criteria === undefined) return undefined;
      const errors: ErrorDetail[] = [];
      const test = compileTest(s.criteria, obj, meta.objects, 'field', 'approval', '/criteria', (file, pointer, code) => errors.push({ file, pointer, code, message: code }));
      return errors.length || !test ? 'invalid' : test;
    });
    if (compiled.size > 500) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, out);
  }
  return out;
}
