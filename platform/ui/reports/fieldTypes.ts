/** The field types a report's figures and cells are formatted by, keyed by column path. */
import type { ReportField } from './api';
import type { FieldTypeInfo } from './measureFormat';

/** `reports.fields` as the formatters read it. */
export function fieldTypesOf(fields: ReportField[] | undefined): Record<string, FieldTypeInfo> {
  const out: Record<string, FieldTypeInfo> = {};
  for (const f of fields ?? []) out[f.path] = { ...f, type: f.type };
  return out;
}
