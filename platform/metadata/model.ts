/**
 * The effective metadata the runtime works from: objects with their fields (including system
 * fields), layouts, list views and the related lists derived from lookups.
 */
import type { Label } from '../core/i18n';
import type { FieldDef, RollupFieldDef } from '../fields/types';
import type { ObjectRights } from '../security/model';
import type { LayoutDefinition } from './generated/layout';
import type { ListViewDefinition } from './generated/listview';
import type { ObjectDefinition } from './generated/object';
import type { SalesProcessDefinition } from './generated/process';
import type { ValidationRuleDefinition } from './generated/rule';
import type { ApprovalFlowDefinition } from './generated/approval';
import type { ConditionNode } from '../rules/conditions/types';
import type { CheckedFormula } from '../rules/formula';

export type { ApprovalFlowDefinition, LayoutDefinition, ListViewDefinition, ObjectDefinition, SalesProcessDefinition, ValidationRuleDefinition };

/** A test over a record being saved: a parsed condition or a type-checked boolean formula. */
export type RecordTest = { kind: 'condition'; condition: ConditionNode } | { kind: 'formula'; formula: CheckedFormula };

/** An approval flow with its entry condition and step criteria checked and compiled. */
export interface ApprovalFlowModel {
  def: ApprovalFlowDefinition;
  name: string;
  order: number;
  active: boolean;
  entry?: RecordTest;
  /** Step criteria, by step index (absent: the step always applies). */
  criteria: (RecordTest | undefined)[];
}

export interface RuleModel {
  name: string;
  label: Label;
  message: Label;
  field?: string;
  on: ('create' | 'update')[];
  /** The record is invalid when this holds. */
  errorWhen: RecordTest;
}

export interface GateModel {
  /** This field must have a value... */
  field?: string;
  /** ...or this must hold. */
  require?: RecordTest;
  message?: Label;
}

export interface StageModel {
  value: string;
  label: Label;
  probability: number;
  forecast: 'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted';
  won: boolean;
  lost: boolean;
  active: boolean;
  color?: string;
  gate: GateModel[];
}

export interface ProcessModel {
  name: string;
  label: Label;
  description?: string;
  isDefault: boolean;
  active: boolean;
  layout?: string;
  stages: StageModel[];
}

export interface ProcessConfig {
  field: string;
  stageField: string;
  probabilityField?: string;
  forecastField?: string;
  amountField?: string;
  stageDateField?: string;
}

/** A roll-up field of `object` that summarises records of the object holding this entry. */
export interface RollupFeed {
  object: string;
  field: RollupFieldDef;
  filter?: ConditionNode;
}

export interface FormRules {
  visible?: ConditionNode;
  required?: ConditionNode;
  readOnly?: ConditionNode;
}

export interface RelatedListModel {
  /** The child object holding the lookup. */
  object: string;
  /** The lookup field on the child. */
  field: string;
  label: Label;
  columns: string[];
}

export interface ObjectModel {
  name: string;
  label: Label;
  pluralLabel: Label;
  description?: string;
  icon?: string;
  nameField: string;
  searchFields: string[];
  /** Fields defined in metadata, in order (archived ones excluded). */
  fields: FieldDef[];
  /** Fields an admin removed: hidden everywhere, their columns and data kept until purged. */
  archivedFields?: FieldDef[];
  /** System fields followed by metadata fields. */
  allFields: FieldDef[];
  fieldMap: Map<string, FieldDef>;
  /** Related lists of the default layout, resolved (lookups on other objects pointing here). */
  relatedLists: RelatedListModel[];
  /** Declared sharing default (a workspace setting may override it). */
  sharing?: { default?: 'private' | 'read' | 'read_write'; hierarchy?: boolean };
  /** Records of this object have teams (users sharing the record with a role in the deal). */
  teams?: boolean;
  /** Type-checked formulas of its formula fields, by field name. */
  formulas: Map<string, CheckedFormula>;
  /** Active validation rules. */
  rules: RuleModel[];
  /** Visible-if, required-if and read-only-if rules, by field name. */
  formRules: Map<string, FormRules>;
  /** Sales processes (objects with a `process` property), in order. */
  process?: { config: ProcessConfig; processes: ProcessModel[] };
  /** Roll-up fields of other objects that summarise this object's records. */
  rollupsFed: RollupFeed[];
  /** Approval flows, in the order they are tried (inactive ones included, marked). */
  approvals: ApprovalFlowModel[];
  /**
   * Fields an update action of any of its approval flows (active or not) sets: read-only to users on
   * every channel (only the engine, and administrators through an audited change, write them).
   */
  approvalManaged?: Set<string>;
  /** The viewing user's rights on the object (set on per-user views; absent means unrestricted). */
  rights?: ObjectRights;
}

export interface MetadataModel {
  /** Identifies this version of the effective metadata (cache key). */
  revision: string;
  objects: Map<string, ObjectModel>;
  layouts: Map<string, LayoutDefinition[]>;
  views: Map<string, ListViewDefinition[]>;
  rules: Map<string, ValidationRuleDefinition[]>;
  processes: Map<string, SalesProcessDefinition[]>;
  approvals: Map<string, ApprovalFlowDefinition[]>;
  /** Objects an admin removed: hidden everywhere, their tables and data kept until purged. */
  archivedObjects?: Map<string, ObjectDefinition>;
  /** The documents of every registered kind (kinds/registry.ts), by kind name, then by object; the maps above are the stock kinds' entries. */
  documents?: Map<string, Map<string, unknown[]>>;
}

/** Columns every record table has, whatever its metadata says. */
const SYSTEM_COLUMNS = ['id', 'name', 'owner', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version', 'deleted_at'] as const;

const sys = (f: FieldDef): FieldDef => ({ ...f, system: true, readOnly: true });

/** System fields exposed on every object (and usable in filters, sorts and list columns). */
export function systemFields(objectName: string, nameField: string): FieldDef[] {
  const fields: FieldDef[] = [
    sys({ name: 'id', type: 'lookup', target: objectName, label: { en: 'Record ID', zh: '记录 ID' } }),
  ];
  if (nameField !== 'name') fields.push(sys({ name: 'name', type: 'text', label: { en: 'Name', zh: '名称' } }));
  fields.push(
    { name: 'owner', type: 'lookup', systemTarget: 'user', system: true, label: { en: 'Owner', zh: '负责人' } },
    sys({ name: 'created_at', type: 'datetime', label: { en: 'Created at', zh: '创建时间' } }),
    sys({ name: 'updated_at', type: 'datetime', label: { en: 'Last modified at', zh: '最后修改时间' } }),
    sys({ name: 'created_by', type: 'lookup', systemTarget: 'user', label: { en: 'Created by', zh: '创建人' } }),
    sys({ name: 'updated_by', type: 'lookup', systemTarget: 'user', label: { en: 'Last modified by', zh: '最后修改人' } }),
    sys({ name: 'version', type: 'integer', label: { en: 'Version', zh: '版本' } }),
  );
  return fields;
}

/** Names a metadata field may not take: they are system columns. */
export const RESERVED_FIELD_NAMES = new Set<string>(SYSTEM_COLUMNS.filter((c) => c !== 'name'));
