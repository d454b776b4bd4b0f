/**
 * Reports (`report:<object>.<name>`, metadata/reports, schema report.schema.json): a saved report
 * definition (platform/reports/types.ts) with its label, folder and audience. The cross-checks are
 * the engine's own (platform/reports/check.ts) over the full metadata: unknown objects, fields and
 * lookup paths, grouping limits, buckets, aggregates against field types, formulas and the chart
 * measure, each with its pointer. Report names are unique in a workspace (the API finds a report
 * by name alone).
 */
import reportSchema from '../../../metadata/schema/report.schema.json' with { type: 'json' };
import type { BucketDefinition } from '../../reports/buckets';
import { checkReport } from '../../reports/check';
import type { SavedReport } from '../../reports/saved';
import { documentNamed, removeDocument, saveDocument } from '../documents';
import type { BuildContext, DocumentKind, KindDoc } from './types';

function build(docs: KindDoc<SavedReport>[], ctx: BuildContext): Map<string, SavedReport[]> {
  const out = new Map<string, SavedReport[]>();
  const names = new Set<string>();
  const buckets = ctx.built.get('bucket') as Map<string, BucketDefinition[]> | undefined;
  for (const { file, def } of docs) {
    if (!ctx.objects.has(def.object) && ctx.isGone(def.object)) continue;
    const { errors } = checkReport(def, {
      objects: ctx.objects,
      mayRead: () => true,
      bucket: (object, name) => buckets?.get(object)?.find((b) => b.name === name),
      locale: 'en',
    });
    for (const e of errors) ctx.errors.push({ ...e, file });
    if (names.has(def.name)) ctx.err(file, '/name', 'report.duplicate', { name: def.name });
    names.add(def.name);
    out.set(def.object, [...(out.get(def.object) ?? []), def]);
  }
  return out;
}

export const reportKind: DocumentKind<SavedReport> = {
  name: 'report',
  folder: 'reports',
  schemaName: 'report',
  schema: reportSchema,
  label: { en: 'report', zh: '报表' },
  key: (d) => `report:${d.object}.${d.name}`,
  leaveToCrossCheck: (pointer) => pointer.startsWith('/filter') || /^\/aggregates\/\d+\/filter/.test(pointer),
  buildOrder: 75,
  build,
  verbs: {
    save: (actor, doc, mode) => saveDocument(actor, reportKind.key(doc), doc, `Saved report ${doc.object}.${doc.name}`, mode),
    remove: (actor, object, name) => removeDocument(actor, `report:${object}.${name}`, `Deleted report ${object}.${name}`, documentNamed(reportKind.label, object, name)),
  },
};
