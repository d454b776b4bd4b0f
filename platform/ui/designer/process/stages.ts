/**
 * The stages of a sales process as the designer edits them (one row per stage), and back. Gate
 * requirements other than "this field has a value" (formulas, conditions) are not editable here:
 * they ride along untouched.
 */
import type { DesignerObject } from '../common';

export type DesignerProcess = DesignerObject['processes'][number];
export type StageDefinition = DesignerProcess['stages'][number];
export type GateRequirement = NonNullable<StageDefinition['gate']>[number];
export type Forecast = StageDefinition['forecast'];

export const FORECASTS: Forecast[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];

export interface StageRow {
  /** Stable key for React while the value is being typed. */
  key: string;
  value: string;
  en: string;
  zh: string;
  probability: number | null;
  forecast: Forecast;
  won: boolean;
  lost: boolean;
  active: boolean;
  /** Fields that must have a value to enter the stage. */
  gateFields: string[];
  /** Already part of the saved process (its value is stable: records may hold it). */
  saved: boolean;
  /** The value was typed by hand (else it follows the English label). */
  valueTouched: boolean;
  /** The saved gate, to send back unchanged when its fields were not changed. */
  savedGate?: GateRequirement[];
  /** Other properties of a saved stage (colour), kept as they are. */
  extra: Record<string, unknown>;
}

const isFieldGate = (g: GateRequirement): g is Extract<GateRequirement, { field: string }> => !('require' in g);

/** Gate requirements that are formulas or conditions (shown read-only, kept as they are). */
export function otherGates(row: Pick<StageRow, 'savedGate'>): GateRequirement[] {
  return (row.savedGate ?? []).filter((g) => !isFieldGate(g));
}

let seq = 0;
export function newStageRow(): StageRow {
  seq += 1;
  return {
    key: `new-${Date.now().toString(36)}-${seq}`,
    value: '',
    en: '',
    zh: '',
    probability: null,
    forecast: 'pipeline',
    won: false,
    lost: false,
    active: true,
    gateFields: [],
    saved: false,
    valueTouched: false,
    extra: {},
  };
}

export function stagesToRows(stages: StageDefinition[]): StageRow[] {
  return stages.map((st, i) => {
    const { value, label, probability, forecast, won, lost, active, gate, ...extra } = st;
    return {
      key: `saved-${i}-${value}`,
      value,
      en: label.en,
      zh: label.zh,
      probability,
      forecast,
      won: Boolean(won),
      lost: Boolean(lost),
      active: active !== false,
      gateFields: (gate ?? []).filter(isFieldGate).map((g) => g.field),
      saved: true,
      valueTouched: true,
      savedGate: gate,
      extra,
    };
  });
}

/** The gate to save: the saved one when its fields did not change, else the chosen fields (keeping their messages) and the other requirements. */
function gateOf(row: StageRow): GateRequirement[] {
  const saved = row.savedGate ?? [];
  const savedFields = saved.filter(isFieldGate);
  if (savedFields.length === row.gateFields.length && savedFields.every((g, i) => g.field === row.gateFields[i])) return saved;
  const byField = new Map(savedFields.map((g) => [g.field, g]));
  return [...row.gateFields.map((field) => byField.get(field) ?? { field }), ...otherGates(row)];
}

export function rowsToStages(rows: StageRow[]): StageDefinition[] {
  return rows.map((r) => {
    const value = r.value.trim();
    const en = r.en.trim() || value;
    const gate = gateOf(r);
    return {
      ...r.extra,
      value,
      label: { en, zh: r.zh.trim() || en },
      probability: r.probability ?? 0,
      forecast: r.forecast,
      ...(r.won ? { won: true } : {}),
      ...(r.lost ? { lost: true } : {}),
      ...(r.active ? {} : { active: false }),
      ...(gate.length ? { gate } : {}),
    } as StageDefinition;
  });
}

/** What is wrong with the rows before asking the server (message keys), or null. */
export function stageRowsProblem(
  rows: StageRow[] | undefined,
): 'designer.process.noStages' | 'designer.process.badStageValue' | 'designer.process.duplicateStage' | 'designer.process.badProbability' | null {
  if (!rows?.length) return 'designer.process.noStages';
  if (rows.some((r) => !/^[a-z][a-z0-9_]{0,62}$/.test(r.value.trim()))) return 'designer.process.badStageValue';
  const values = rows.map((r) => r.value.trim());
  if (new Set(values).size !== values.length) return 'designer.process.duplicateStage';
  if (rows.some((r) => r.probability === null || r.probability < 0 || r.probability > 100)) return 'designer.process.badProbability';
  return null;
}
