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
): Pick<ReportResult, 'groups' | 'totals' | 'rowCount' | 'columnGroups' | 'columnTotals' | 'topGroups'> {
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

  const topGroups = new Map<PlannedGrouping, { shown: number; total: number }>();
  /** Children of a level in the grouping's order, cut to its `top` (and what was cut counted). */
  const ordered = (level: Level, g: PlannedGrouping | undefined): Level[] => {
    const list = [...level.children.values()];
    if (!g) return list;
    const nodes = list.map((l) => l.node);
    sortGroups(nodes, g, firstMeasure);
    const rank = new Map(nodes.map((n, i) => [n, i]));
    list.sort((a, b) => rank.get(a.node)! - rank.get(b.node)!);
    if (!g.def.top) return list;
    const kept = list.slice(0, g.def.top);
    const seen = topGroups.get(g) ?? { shown: 0, total: 0 };
    topGroups.set(g, { shown: seen.shown + kept.length, total: seen.total + list.length });
    return kept;
  };
  // Column groups first: every row's cells follow their order (and their top), not the row's own figures.
  const columnOrder = new Map<string, number>();
  const finishColumns = (level: Level, depth: number, path: string): ReportGroup[] =>
    ordered(level, colG[depth]).map((child, i) => {
      const at = `${path}/${keyText(child.node.key)}`;
      columnOrder.set(at, i);
      const kids = finishColumns(child, depth + 1, at);
      if (kids.length) child.node.groups = kids;
      return child.node;
    });
  const columnTotals = plan.def.format === 'matrix' ? finishColumns(rootCols, 0, '') : undefined;
  const finishCells = (level: Level, path: string): ReportGroup[] =>
    [...level.children.values()]
      .map((child) => ({ child, at: `${path}/${keyText(child.node.key)}` }))
      .filter(({ at }) => columnOrder.has(at))
      .sort((a, b) => columnOrder.get(a.at)! - columnOrder.get(b.at)!)
      .map(({ child, at }) => {
        const kids = finishCells(child, at);
        if (kids.length) child.node.groups = kids;
        return child.node;
      });
  const finish = (level: Level, depth: number): ReportGroup[] =>
    ordered(level, rowG[depth]).map((child) => {
      const kids = finish(child, depth + 1);
      const cellLevel = cellRoots.get(child);
      const cells = cellLevel ? finishCells(cellLevel, '') : undefined;
      if (kids.length) child.node.groups = kids;
      if (cells) {
        child.node.cells = cells;
        if (!kids.length) child.node.groups = cells;
      }
      return child.node;
    });
  const groups = finish(rootRows, 0);
  const out: ReturnType<typeof buildGroups> = { groups, totals, rowCount };
  if (columnTotals) {
    out.columnTotals = columnTotals;
    out.columnGroups = columnTotals.map(({ key, label }) => ({ key, label }));
  }
  const cut = all.flatMap((g) => {
    const n = topGroups.get(g);
    return n && n.shown < n.total ? [{ field: g.path.path, ...n }] : [];
  });
  if (cut.length) out.topGroups = cut;
  return out;
}
