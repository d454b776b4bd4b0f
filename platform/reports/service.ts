/**
 * What the report screens and APIs ask besides running: the reports a viewer may see, the fields a
 * report on an object may use, and saving or deleting a report through the `report` kind's verbs
 * (a metadata revision), with who-may-save decided here.
 */
import { AppError } from '../core/errors';
import { pickLabel, t } from '../core/i18n';
import { keyedError } from '../core/problems';
import { objectOf, type RecordContext } from '../data/context';
import { fieldType } from '../fields/registry';
import { hasOptions, isLookup, isUserLookup } from '../fields/guards';
import type { FieldDef } from '../fields/types';
import type { CommitResult } from '../metadata/changes';
import { reportKind } from '../metadata/kinds/report';
import { DATE_BUCKETS } from './check';
import { unplacedValues, type BucketDefinition } from './buckets';
import { USER_ATTRIBUTES } from './paths';
import { allReports, maySee, reportDefinition, type SavedReport } from './saved';
import type { AggregateFn, ChartType, ReportDefinition } from './types';

export interface ReportListItem {
  name: string;
  object: string;
  label: string;
  description?: string;
  /** The folder's label in the viewer's language ('' when the report is in none). */
  folder: string;
  format: ReportDefinition['format'];
  chart?: ChartType;
  visibility: 'private' | 'shared' | 'public';
  /** True when the viewer may change or delete it. */
  editable: boolean;
  /** True when the viewer may export it (the "export" system right). */
  exportable: boolean;
}

/** Who may change a report: its owner (a private report), or a user who may customise metadata. */
function mayEdit(ctx: RecordContext, r: Pick<SavedReport, 'visibility' | 'owner'>): boolean {
  return ctx.security.perms.system.customizeMetadata || ((r.visibility ?? 'public') === 'private' && r.owner === ctx.user.id);
}

/** The reports the caller may see, sorted by folder then label. */
export function listReports(ctx: RecordContext): ReportListItem[] {
  return allReports(ctx)
    .filter((r) => maySee(ctx, r))
    .map((r) => ({
      name: r.name,
      object: r.object,
      label: pickLabel(r.label, ctx.locale),
      ...(r.description ? { description: r.description } : {}),
      folder: pickLabel(r.folder, ctx.locale),
      format: r.format,
      ...(r.chart ? { chart: r.chart.type } : {}),
      visibility: r.visibility ?? 'public',
      editable: mayEdit(ctx, r),
      exportable: ctx.security.perms.system.exportData,
    }))
    .sort((a, b) => a.folder.localeCompare(b.folder) || a.label.localeCompare(b.label));
}

export interface ReportField {
  /** The path a definition uses (`amount`, `account.industry`, `owner.department`). */
  path: string;
  label: string;
  type: string;
  /** Buckets a grouping on it may use: date periods, `range`, or picklist bucket definitions. */
  buckets: string[];
  /** Aggregate functions that apply. */
  aggregates: AggregateFn[];
  options?: { value: string; label: string }[];
  /** Whether detail rows may be sorted by it (user attributes through a lookup may not). */
  sortable?: boolean;
  /** Picklists: per bucket definition, the values none of its buckets places (the builder warns). */
  unbucketed?: Record<string, string[]>;
}

function describeField(ctx: RecordContext, path: string, label: string, f: FieldDef, bucketNames: string[]): ReportField {
  const kind = fieldType(f).valueKind;
  const buckets = kind === 'date' || kind === 'datetime' ? [...DATE_BUCKETS] : kind === 'number' ? ['range'] : hasOptions(f) ? bucketNames : [];
  const aggregates: AggregateFn[] = ['count'];
  if (kind === 'number') aggregates.push('sum', 'avg', 'min', 'max');
  if (kind !== 'text_array' && f.type !== 'long_text') aggregates.push('count_distinct');
  return {
    path,
    label,
    type: f.type,
    buckets,
    aggregates,
    sortable: Boolean(fieldType(f).sortable),
    ...(hasOptions(f) ? { options: f.options.map((o) => ({ value: o.value, label: pickLabel(o.label, ctx.locale) })) } : {}),
  };
}

/** The fields a report on `object` may use as the caller sees them, with the parents' fields one lookup up. */
export function reportFields(ctx: RecordContext, objectName: string): ReportField[] {
  const obj = objectOf(ctx, objectName);
  if (!ctx.security.perms.object(obj.name).read) throw keyedError('NOT_FOUND', 'report.object', { object: objectName });
  const bucketDocs = (ctx.meta.documents?.get('bucket')?.get(obj.name) ?? []) as BucketDefinition[];
  const label = (f: FieldDef) => pickLabel(f.label, ctx.locale);
  const out: ReportField[] = [];
  for (const f of obj.allFields) {
    out.push(
      describeField(
        ctx,
        f.name,
        label(f),
        f,
        bucketDocs.filter((b) => b.field === f.name).map((b) => b.name),
      ),
    );
    const gaps = bucketDocs.filter((b) => b.field === f.name).map((b) => [b.name, unplacedValues(b, f)] as const);
    if (gaps.some(([, v]) => v.length)) out[out.length - 1].unbucketed = Object.fromEntries(gaps.filter(([, v]) => v.length));
    if (isUserLookup(f)) {
      for (const [attr, def] of Object.entries(USER_ATTRIBUTES)) {
        out.push({ path: `${f.name}.${attr}`, label: `${label(f)} › ${pickLabel(def.label, ctx.locale)}`, type: def.type, buckets: [], aggregates: ['count', 'count_distinct'] });
      }
    } else if (isLookup(f) && f.name !== 'id') {
      const parent = ctx.meta.objects.get(f.target);
      if (!parent || !ctx.security.perms.object(parent.name).read) continue;
      for (const pf of parent.allFields) {
        if (pf.name === 'id') continue;
        out.push(describeField(ctx, `${f.name}.${pf.name}`, `${label(f)} › ${label(pf)}`, pf, []));
      }
    }
  }
  return out;
}

/** A report with its document fields, as saved. */
export type ReportDocumentInput = ReportDefinition & Pick<SavedReport, 'name' | 'label' | 'description' | 'folder' | 'visibility' | 'sharedWith'>;

/**
 * Save a report. Everyone may save private reports of their own (the owner is them); sharing one,
 * making it public or changing someone else's needs the "customise metadata" right.
 */
export async function saveReport(ctx: RecordContext, doc: ReportDocumentInput, mode?: 'create' | 'update'): Promise<CommitResult> {
  const visibility = doc.visibility ?? 'private';
  const existing = allReports(ctx).find((r) => r.name === doc.name);
  if (existing && existing.object !== doc.object)
    throw keyedError('CONFLICT', 'report.duplicate', { name: doc.name }, [
      { code: 'report.duplicate', pointer: '/name', field: 'name', message: `Another report is already named "${doc.name}"`, params: { name: doc.name } },
    ]);
  const customise = ctx.security.perms.system.customizeMetadata;
  if (!customise && (visibility !== 'private' || (existing && !mayEdit(ctx, existing)))) {
    const message = t(ctx.locale, 'report.save.forbidden');
    throw new AppError('FORBIDDEN', message, [{ code: 'report.save.forbidden', pointer: '/visibility', message }]);
  }
  const owner = visibility === 'private' ? (existing?.owner ?? ctx.user.id) : undefined;
  const saved: SavedReport = { ...doc, visibility, ...(owner ? { owner } : {}) };
  if (visibility !== 'private') delete saved.owner;
  return reportKind.verbs.save({ pool: ctx.pool, workspace: ctx.workspace, userId: ctx.user.id }, saved, mode);
}

/** Delete a report the caller may change (one they may not see is not found). */
export async function deleteReport(ctx: RecordContext, name: string): Promise<CommitResult> {
  const r = reportDefinition(ctx, name);
  if (!mayEdit(ctx, r)) {
    const message = t(ctx.locale, 'report.save.forbidden');
    throw new AppError('FORBIDDEN', message, [{ code: 'report.save.forbidden', message }]);
  }
  return reportKind.verbs.remove!({ pool: ctx.pool, workspace: ctx.workspace, userId: ctx.user.id }, r.object, r.name);
}
