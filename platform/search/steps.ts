/**
 * The search capability's write step: keeps every maintained system column (the name's pinyin)
 * in step with the record, after the row is written, in the same transaction. A value is a pure
 * function of the name, so a bulk load (whose rows may have no id yet) sets it by name.
 */
import { qualified, ident } from '../core/identifiers';
import type { WriteStep } from '../data/steps';
import { MAINTAINED_COLUMNS, writeMaintained } from '../schema/maintained';

export const maintainedColumnsStep: WriteStep = {
  name: 'search.maintainedColumns',
  phase: 'afterWrite',
  modes: ['create', 'update'],
  async run(ctx, client, write) {
    const schema = ctx.workspace.schema;
    const table = write.full.name;
    for (const col of MAINTAINED_COLUMNS) {
      const changed = write.rows.filter((r) => r.after && (!r.before || r.before[col.source] !== r.after[col.source]));
      if (!changed.length) continue;
      const byId = changed.filter((r) => typeof r.after!.id === 'string');
      // A new row's column is already empty: only values to store are written.
      const values = byId.map((r) => ({ id: r.after!.id as string, value: col.compute(r.after![col.source]), fresh: !r.before }));
      await writeMaintained(
        client!,
        schema,
        table,
        col,
        values.filter((v) => v.value !== null || !v.fresh),
      );
      const bySource = new Map<string, string>();
      for (const r of changed) {
        const source = r.after![col.source];
        const value = typeof r.after!.id === 'string' || typeof source !== 'string' ? null : col.compute(source);
        if (value !== null) bySource.set(source as string, value);
      }
      if (!bySource.size) continue;
      const c = ident(col.column);
      await client!.query(
        `UPDATE ${qualified(schema, table)} AS "t" SET ${c} = "v"."value" FROM unnest($1::text[], $2::text[]) AS "v"("source", "value")
          WHERE "t".${ident(col.source)} = "v"."source" AND "t".${c} IS DISTINCT FROM "v"."value"`,
        [[...bySource.keys()], [...bySource.values()]],
      );
    }
  },
};
