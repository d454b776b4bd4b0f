/**
 * The effective metadata the runtime works from: objects with their fields (including system
 * fields), layouts, list views and the related lists derived from lookups.
 */
import type { Label } from '../core/i18n';
import type { FieldDef } from '../fields/types';
import type { ObjectRights } from '../security/model';
import type { LayoutDefinition } from './generated/layout';
import type { ListViewDefinition } from './generated/listview';
import type { ObjectDefinition } from './generated/object';

export type { LayoutDefinition, ListViewDefinition, ObjectDefinition };

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
  /** The viewing user's rights on the object (set on per-user views; absent means unrestricted). */
  rights?: ObjectRights;
}

export interface MetadataModel {
  /** Identifies this version of the effective metadata (cache key). */
  revision: string;
  objects: Map<string, ObjectModel>;
  layouts: Map<string, LayoutDefinition[]>;
  views: Map<string, ListViewDefinition[]>;
  /** Objects an admin removed: hidden everywhere, their tables and data kept until purged. */
  archivedObjects?: Map<string, ObjectDefinition>;
}

/** Columns every record table has, whatever its metadata says. */
export const SYSTEM_COLUMNS = ['id', 'name', 'owner', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version', 'deleted_at'] as const;

const sys = (f: Omit<FieldDef, 'system' | 'readOnly'>): FieldDef => ({ ...f, system: true, readOnly: true });

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
