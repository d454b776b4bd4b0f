/** Which inputs a move to a stage needs from the user: the gated fields the record lacks that the form lets them fill. */
import type { ProcessInfo, StageInfo } from './types';

const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The stages whose gates a move passes (as the server's gate step): lost stages and moves back check only the target. */
export function stagesToPass(proc: ProcessInfo, from: unknown, to: StageInfo): StageInfo[] {
  const target = proc.stages.indexOf(to);
  if (to.lost) return [to];
  const start = proc.stages.findIndex((s) => s.value === from);
  if (start >= target) return [to];
  return proc.stages.slice(start + 1, target + 1).filter((s) => !s.lost);
}

/**
 * Field names a move must ask for: required by a gate, empty on the record, and offered by the
 * edit form (`editable`). Gates with a condition stay the server's to judge.
 */
export function gateInputs(proc: ProcessInfo, record: Record<string, unknown>, stageField: string, to: StageInfo, editable: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const st of stagesToPass(proc, record[stageField], to)) {
    for (const g of st.gate) {
      if (g.condition || !g.field || !editable.has(g.field) || !blank(record[g.field]) || out.includes(g.field)) continue;
      out.push(g.field);
    }
  }
  return out;
}
