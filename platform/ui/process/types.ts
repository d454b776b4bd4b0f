/** Shapes of sales processes as the meta router describes them (structural: ui never imports server code). */
import type { Label } from '../../core/i18n';
import type { FieldInfo } from '../types';

export interface GateInfo {
  field: string | null;
  message: Label | null;
  condition: boolean;
}

export interface StageInfo {
  value: string;
  label: Label;
  probability: number;
  forecast: string;
  won: boolean;
  lost: boolean;
  active: boolean;
  color: string | null;
  gate: GateInfo[];
}

export interface ProcessInfo {
  name: string;
  label: Label;
  description: string | null;
  isDefault: boolean;
  active: boolean;
  layout: string | null;
  stages: StageInfo[];
}

/** The object's process configuration and its processes (`meta.object().processes`). */
export interface ProcessesInfo {
  field: string;
  stageField: string;
  probabilityField?: string;
  forecastField?: string;
  amountField?: string;
  stageDateField?: string;
  processes: ProcessInfo[];
}

/** A field description with its form rules and formula (condition trees as metadata stores them). */
export type RuledFieldInfo = FieldInfo & {
  visibleIf?: unknown;
  requiredIf?: unknown;
  readOnlyIf?: unknown;
  formula?: string;
  returnType?: string;
};

/** The process a record follows: its own, else the default one. */
export function processOf(info: ProcessesInfo, record: Record<string, unknown>): ProcessInfo | undefined {
  const name = record[info.field];
  return info.processes.find((p) => p.name === name) ?? info.processes.find((p) => p.isDefault) ?? info.processes[0];
}

/** A stage's label by value, looked up in the given process first, then in every process. */
export function stageLabelOf(info: ProcessesInfo, value: string | null | undefined, process?: string): Label | undefined {
  if (!value) return undefined;
  const own = info.processes.find((p) => p.name === process)?.stages.find((s) => s.value === value);
  return own?.label ?? info.processes.flatMap((p) => p.stages).find((s) => s.value === value)?.label;
}
