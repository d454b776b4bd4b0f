/**
 * The grouped statement's rows (one per group of every level, GROUPING() telling which) as the
 * result's tree. Summary: nested row groups. Matrix: row groups nested by the row groupings; each
 * row group's `cells` are its column groups (nested by the column groupings) and a leaf row
 * group's `groups` are those cells too, as the shared contract has it; `columnTotals` are the
 * column groups over all rows.
 */
import type { RecordContext } from '../data/context';
import type { PlannedGrouping, ReportPlan } from './check';
import type { Calendar } from './compile';
import { aggregatesOf, drillOf, groupCondition, groupLabel, keyOf, sortGroups } from './groups';
import type { ReportGroup, ReportResult } from './types';

type Row = Record<string, unknown>;
type Key = ReportGroup['key'];

interface Level {
  node: ReportGroup;
  conditions: unknown[];
  children: Map<string, Level>;
}

const newLevel = (node: ReportGroup, conditions: unknown[]): Level => ({ node, conditions, children: new Map() });
const keyText = (k: Key) => JSON.stringify(k);

/** Whether grouping column `i` of `total` was grouped in a row whose GROUPING() mask is `mask`. */
const grouped = (mask: number, i: number, total: number) => ((mask >> (total - 1 - i)) & 1) === 0;

export function buildGroups(
  ctx: RecordContext,
  plan: ReportPlan,
  rows: Row[],
  labelled: boolean[],
  cal: Calendar,
  extraFilter: unknown,
): Pick<ReportResult, 'groups' | 'totals' | 'rowCount' | 'columnGroups' | 'columnTotals'> {
  const rowG = plan.groupings;
  const colG = plan.columnGroupings;
  const all = [...rowG, ...colG];
  const firstMeasure = plan.aggregates[0]?.name;
  const rootRows = newLevel({ key: null, label: '', aggregates: {}, drill: null }, []);
  const rootCols = newLevel({ key: null, label: '', aggregates: {}, drill: null }, []);
  const cellRoots = new Map<Level, Level>();
  let totals: Record<string, number | null> = {};
  let rowCount = 0;

  const make = (g: PlannedGrouping, i: number, row: Row, parent: Level): Level => {
    const key = keyOf(g, row[`g${i}k`]);
    const found = parent.children.get(keyText(key));
    if (found) return found;
    const condition = groupCondition(g, key, cal, ctx.security.model?.users.values());
    const conditions = [...parent.conditions, condition];
    const node: ReportGroup = { key, label: groupLabel(g, key, row[`g${i}l`], labelled[i], ctx.locale, cal), aggregates: {}, drill: drillOf(plan, extraFilter, conditions) };
    const level = newLevel(node, conditions);
    parent.children.set(keyText(key), level);
    return level;
  };
  /** Walk (creating) the path of a row through `groupings` starting at `root`; the groupings' offset in the row is `offset`. */
  const walk = (root: Level, groupings: PlannedGrouping[], offset: number, depth: number, row: Row) => {
    let at = root;
    for (let j = 0; j < depth; j++) at = make(groupings[j], offset + j, row, at);
    return at;
  };

  for (const row of rows) {
    const mask = Number(row.gs);
    const rowDepth = rowG.filter((_, i) => grouped(mask, i, all.length)).length;
    const colDepth = colG.filter((_, j) => grouped(mask, rowG.length + j, all.length)).length;
    const aggregates = aggregatesOf(plan, row);
    if (rowDepth === 0 && colDepth === 0) {
      totals = aggregates;
      rowCount = Number(row.n);
      continue;
    }
    if (colDepth === 0) {
      walk(rootRows, rowG, 0, rowDepth, row).node.aggregates = aggregates;
      continue;
    }
    if (rowDepth === 0) {
      walk(rootCols, colG, rowG.length, colDepth, row).node.aggregates = aggregates;
      continue;
    }
    // A matrix cell: under its row group, in that row's own tree of column groups (drill = row AND column).
    const rowLevel = walk(rootRows, rowG, 0, rowDepth, row);
    let cells = cellRoots.get(rowLevel);
    if (!cells) cellRoots.set(rowLevel, (cells = newLevel(rowLevel.node, rowLevel.conditions)));
    walk(cells, colG, rowG.length, colDepth, row).node.aggregates = aggregates;
  }

  const finish = (level: Level, groupings: PlannedGrouping[], depth: number): ReportGroup[] => {
    const list = [...level.children.values()].map((child) => {
      const kids = finish(child, groupings, depth + 1);
      const cellLevel = cellRoots.get(child);
      const cells = cellLevel ? finish(cellLevel, colG, 0) : undefined;
      if (kids.length) child.node.groups = kids;
      if (cells) {
        child.node.cells = cells;
        if (!kids.length) child.node.groups = cells;
      }
      return child.node;
    });
    if (groupings[depth]) sortGroups(list, groupings[depth], firstMeasure);
    return list;
  };
  const groups = finish(rootRows, rowG, 0);
  const out: ReturnType<typeof buildGroups> = { groups, totals, rowCount };
  if (plan.def.format === 'matrix') {
    const columnTotals = finish(rootCols, colG, 0);
    out.columnTotals = columnTotals;
    out.columnGroups = columnTotals.map(({ key, label }) => ({ key, label }));
  }
  return out;
}
