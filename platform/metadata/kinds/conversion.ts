/**
 * Conversion mappings (`conversion:<object>.<name>`, metadata/conversions, schema
 * conversion.schema.json): which field of the converted record (a lead) fills which field of the
 * account, contact and opportunity it becomes. Checked when saved, every problem with its pointer:
 * fields exist, types compatible (platform/fields/mapping.ts), one source per target, targets long
 * enough, links are lookups to the account. Deleting a mapped field fails here too, naming the
 * mapping. The runtime (platform/process/conversion) reads `meta.documents.get('conversion')`.
 */
import conversionSchema from '../../../metadata/schema/conversion.schema.json' with { type: 'json' };
import { isLookup } from '../../fields/guards';
import { mappingProblem } from '../../fields/mapping';
import { documentNamed, removeDocument, saveDocument } from '../documents';
import type { ConversionDefinition } from '../generated/conversion';
import type { ObjectModel } from '../model';
import type { BuildContext, DocumentKind, KindDoc } from './types';

export const CONVERSION_ROLES = ['account', 'contact', 'opportunity'] as const;
export type ConversionRole = (typeof CONVERSION_ROLES)[number];

function checkRole(file: string, def: ConversionDefinition, role: ConversionRole, source: ObjectModel, ctx: BuildContext): void {
  const section = def[role];
  const target = ctx.objects.get(section.object);
  if (!target) {
    if (!ctx.isGone(section.object)) ctx.err(file, `/${role}/object`, 'conversion.object', { object: section.object });
    return;
  }
  if (section.link !== undefined) {
    const link = target.fieldMap.get(section.link);
    if (!isLookup(link) || link.target !== def.account.object) ctx.err(file, `/${role}/link`, 'conversion.link', { field: section.link, object: target.name, account: def.account.object });
  } else if (role !== 'account') ctx.err(file, `/${role}/link`, 'conversion.linkMissing', { object: target.name });
  const filled = new Set<string>();
  section.fields.forEach(({ from, to }, i) => {
    const at = `/${role}/fields/${i}`;
    const src = source.fieldMap.get(from);
    const dst = target.fieldMap.get(to);
    if (!src) ctx.err(file, `${at}/from`, 'conversion.field', { field: from, object: source.name });
    if (!dst) ctx.err(file, `${at}/to`, 'conversion.field', { field: to, object: target.name });
    if (filled.has(to)) ctx.err(file, `${at}/to`, 'conversion.twice', { field: to });
    filled.add(to);
    if (dst && to === section.link) ctx.err(file, `${at}/to`, 'conversion.readOnly', { field: to });
    else if (src && dst) {
      const problem = mappingProblem(src, dst);
      if (problem) ctx.err(file, `${at}/to`, problem.key, problem.params);
    }
  });
}

function build(docs: KindDoc<ConversionDefinition>[], ctx: BuildContext): Map<string, ConversionDefinition[]> {
  const out = new Map<string, ConversionDefinition[]>();
  for (const { file, def } of docs) {
    const source = ctx.objects.get(def.object);
    if (!source) {
      if (!ctx.isGone(def.object)) ctx.err(file, '/object', 'conversion.object', { object: def.object });
      continue;
    }
    if (out.has(def.object)) ctx.err(file, '/name', 'conversion.duplicate', { object: def.object });
    for (const role of CONVERSION_ROLES) checkRole(file, def, role, source, ctx);
    out.set(def.object, [...(out.get(def.object) ?? []), def]);
  }
  return out;
}

export const conversionKind: DocumentKind<ConversionDefinition> = {
  name: 'conversion',
  folder: 'conversions',
  schemaName: 'conversion',
  schema: conversionSchema,
  label: { en: 'conversion mapping', zh: '转化映射' },
  key: (d) => `conversion:${d.object}.${d.name}`,
  buildOrder: 75,
  build,
  verbs: {
    save: (actor, doc, mode) => saveDocument(actor, conversionKind.key(doc), doc, `Saved conversion mapping ${doc.object}.${doc.name}`, mode),
    remove: (actor, object, name) => removeDocument(actor, `conversion:${object}.${name}`, `Deleted conversion mapping ${object}.${name}`, documentNamed(conversionKind.label, object, name)),
  },
};

/** The conversion mapping of an object (a lead's), if it has one. */
export function conversionOf(documents: Map<string, Map<string, unknown[]>> | undefined, object: string): ConversionDefinition | undefined {
  return documents?.get('conversion')?.get(object)?.[0] as ConversionDefinition | undefined;
}
