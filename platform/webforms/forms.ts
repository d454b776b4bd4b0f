/** Finding a public form: the workspace by its name (the first segment of the address), then the active web form by name. */
import type pg from 'pg';
import { isIdentifier } from '../core/identifiers';
import type { WorkspaceRef } from '../data/context';
import type { MetadataModel } from '../metadata/model';
import type { WebFormDefinition } from '../metadata/generated/web_form';
import { getMetadata } from '../metadata/registry';
import { ensureConverged } from '../schema/lazy';

export interface PublicForm {
  workspace: WorkspaceRef;
  form: WebFormDefinition;
  /** The workspace's whole metadata (the form's object and its field labels). */
  meta: MetadataModel;
  metadataRevision: number;
}

/** Every web form of the workspace's metadata, active or not, by name. */
export function webFormsOf(meta: MetadataModel): WebFormDefinition[] {
  const byObject = meta.documents?.get('web_form') as Map<string, WebFormDefinition[]> | undefined;
  return [...(byObject?.values() ?? [])].flat();
}

/** The workspace by name with its metadata revision, or null (one query). */
export async function workspaceNamed(pool: pg.Pool, name: string): Promise<{ workspace: WorkspaceRef; metadataRevision: number } | null> {
  if (!isIdentifier(name)) return null;
  const res = await pool.query<{ id: string; name: string; schema_name: string; fiscal_year_start_month: number; metadata_revision: number }>(
    'SELECT id, name, schema_name, fiscal_year_start_month, metadata_revision FROM workspaces WHERE name = $1',
    [name],
  );
  const r = res.rows[0];
  if (!r) return null;
  return { workspace: { id: r.id, name: r.name, schema: r.schema_name, fiscalYearStartMonth: r.fiscal_year_start_month }, metadataRevision: r.metadata_revision };
}

/** The form `formName` of workspace `workspaceName`, when both exist and the form is active; else null (the caller answers 404). */
export async function findPublicForm(pool: pg.Pool, workspaceName: string, formName: string, includeInactive = false): Promise<PublicForm | null> {
  if (!isIdentifier(formName)) return null;
  const found = await workspaceNamed(pool, workspaceName);
  if (!found) return null;
  await ensureConverged(pool, found.workspace, found.metadataRevision);
  const meta = await getMetadata(found.workspace, pool, found.metadataRevision);
  const form = webFormsOf(meta).find((f) => f.name === formName);
  if (!form || (!includeInactive && form.active !== true) || !meta.objects.has(form.object)) return null;
  return { workspace: found.workspace, form, meta, metadataRevision: found.metadataRevision };
}
