/** Which fields a list offers to edit, without loading the inputs themselves (they load when a cell or dialog opens). */
import { typeOf } from '../format';
import type { FieldInfo } from '../types';

/** Whether a field can be edited from a list at all (not system, not computed, not read-only). */
export function listEditable(field: FieldInfo): boolean {
  return !field.system && !field.readOnly && field.type !== 'user' && typeOf(field).writable;
}
