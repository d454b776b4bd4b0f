/** Narrowing helpers over FieldDef, for code that asks what shape a field has rather than switching on names. */
import type { Label } from '../core/i18n';
import type {
  FieldBase,
  FieldDef,
  FieldTypeName,
  FormulaFieldDef,
  LookupFieldDef,
  PicklistFieldDef,
  PicklistOption,
  ReturnTypeName,
  RollupFieldDef,
  RollupSummary,
  UserLookupFieldDef,
} from './types';

/** A lookup to a record of the workspace (not a system lookup to a user). */
export function isLookup(f: FieldDef | undefined): f is LookupFieldDef {
  return f?.type === 'lookup' && f.systemTarget !== 'user';
}

/** A system lookup to a user (owner, created_by, updated_by). */
export function isUserLookup(f: FieldDef | undefined): f is UserLookupFieldDef {
  return f?.type === 'lookup' && f.systemTarget === 'user';
}

/** A picklist or multi-select picklist: a field with options. */
export function hasOptions(f: FieldDef | undefined): f is PicklistFieldDef {
  return f?.type === 'picklist' || f?.type === 'multi_picklist';
}

export function isFormula(f: FieldDef | undefined): f is FormulaFieldDef {
  return f?.type === 'formula';
}

export function isRollup(f: FieldDef | undefined): f is RollupFieldDef {
  return f?.type === 'rollup';
}

/** The object a field links to, when it is a workspace lookup. */
export function lookupTarget(f: FieldDef | undefined): string | undefined {
  return isLookup(f) ? f.target : undefined;
}

/** A field seen through every type's parameters, all optional: for editors and listings that show whichever a field has. */
export interface AnyField extends FieldBase {
  type: FieldTypeName;
  maxLength?: number;
  precision?: number;
  scale?: number;
  min?: number;
  max?: number;
  grouping?: boolean;
  currency?: string;
  options?: PicklistOption[];
  target?: string;
  onDelete?: 'set_null' | 'restrict';
  relatedLabel?: Label;
  systemTarget?: 'user';
  pattern?: string;
  formula?: string;
  returnType?: ReturnTypeName;
  summary?: RollupSummary;
  safeToShow?: boolean;
}

/** The same field, typed loosely (see AnyField). */
export function anyField(f: FieldDef): AnyField {
  return f;
}
