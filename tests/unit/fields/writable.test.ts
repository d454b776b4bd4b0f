/** Which fields users may write: what the type says, and what the field says on top (system, read-only, owner). */
import { describe, expect, it } from 'vitest';
import { FIELD_TYPE_NAMES, isWritable } from '../../../platform/fields/registry';
import type { FieldTypeName } from '../../../platform/fields/types';
import { fieldOf, REGION_OPTIONS } from './helpers';

const SYSTEM_SET: FieldTypeName[] = ['auto_number', 'formula', 'rollup'];

const sample = (type: FieldTypeName) =>
  fieldOf(type, {
    options: REGION_OPTIONS,
    target: 'account',
    pattern: 'HT-{0000}',
    formula: '1',
    returnType: 'number',
    summary: { object: 'opportunity', via: 'account', fn: 'count' },
  });

describe('writable fields', () => {
  it('users give values to every type but auto numbers, formulas and roll-ups', () => {
    for (const type of FIELD_TYPE_NAMES) expect(isWritable(sample(type)), type).toBe(!SYSTEM_SET.includes(type));
  });

  it('a read-only or system field is not writable, whatever its type; the owner may be reassigned', () => {
    expect(isWritable(fieldOf('text', { readOnly: true }))).toBe(false);
    expect(isWritable(fieldOf('datetime', { system: true }, 'created_at'))).toBe(false);
    expect(isWritable({ name: 'owner', type: 'lookup', systemTarget: 'user', system: true, label: { en: 'Owner', zh: '负责人' } })).toBe(true);
  });
});
