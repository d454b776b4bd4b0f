/** What administrators see of their workspace's backfills: object and field labels, status and progress. */
import type { Label } from '../core/i18n';
import type { RecordContext } from '../data/context';
import { dbOf } from '../data/context';
import { listBackfills, type BackfillRow } from './backfills';

export interface BackfillStatus extends BackfillRow {
  objectLabel: Label | null;
  fieldLabel: Label | null;
}

/** The caller's workspace's backfills (unfinished first), labelled from the full metadata. */
export async function workspaceBackfills(ctx: RecordContext): Promise<BackfillStatus[]> {
  const meta = ctx.security.fullMeta;
  return (await listBackfills(dbOf(ctx), ctx.workspace.id)).map((b) => {
    const obj = meta.objects.get(b.object);
    return { ...b, objectLabel: obj?.label ?? null, fieldLabel: obj?.fieldMap.get(b.field)?.label ?? null };
  });
}
