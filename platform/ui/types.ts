/** Shapes the screens receive from the meta router (kept structural so ui never imports server code). */
import type { Label } from '../core/i18n';

export interface FieldInfo {
  name: string;
  type: string;
  label: Label;
  required: boolean;
  readOnly: boolean;
  system: boolean;
  sortable: boolean;
  filterOperators: string[];
  target?: string;
  scale?: number;
  currency?: string;
  options?: { value: string; label: Label; active: boolean }[];
}

export interface ObjectInfo {
  name: string;
  label: Label;
  pluralLabel: Label;
  nameField: string;
  fields: FieldInfo[];
  relatedLists: { object: string; field: string; label: Label; columns: string[] }[];
}

export type RecordValues = Record<string, unknown> & { id?: string; version?: number; $names?: Record<string, string>; $can?: { edit: boolean; delete: boolean } };
