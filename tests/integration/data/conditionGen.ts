/**
 * Random condition trees over an object's fields, valid by construction: every operator a field's
 * type allows, with values drawn mostly from the records themselves (so conditions match some
 * records and miss others), plus edge values, other spellings and LIKE wildcards.
 */
import { hasOptions, isUserLookup } from '../../../platform/fields/guards';
import { randomUUID } from 'node:crypto';
import type { UserRef } from '../../../platform/data/context';
import type { RecordData } from '../../../platform/data/values';
import { fieldType } from '../../../platform/fields/registry';
import type { FieldDef, OperatorName } from '../../../platform/fields/types';
import { FIXED_PERIODS } from '../../../platform/core/periods';
import { LIST_OPERATORS, NO_VALUE_OPERATORS } from '../../../platform/rules/conditions/types';
import { AMOUNTS, COMPANY_NAMES, DATES, DATETIMES, EMPLOYEES, Rng } from './dataset';

export type Condition = Record<string, unknown>;

const SPECIAL_TEXT = ['%', '_', '\\', "'", '"', '%_', 'a%', '$me', '  ', '科技', 'ACME', 'zzz-no-match'];
const DAY = 86_400_000;

function swapCase(s: string, rng: Rng): string {
  return rng.chance(0.5) ? s.toUpperCase() : s.toLowerCase();
}

export class ConditionGen {
  constructor(
    private rng: Rng,
    private records: RecordData[],
    private users: UserRef[],
  ) {}

  private present(field: FieldDef): unknown[] {
    return this.records.map((r) => r[field.name]).filter((v) => v !== null && v !== undefined);
  }

  private text(field: FieldDef, op: OperatorName): string {
    const rng = this.rng;
    const present = this.present(field).map(String);
    if (hasOptions(field) && rng.chance(0.9)) return rng.pick(field.options).value;
    const roll = rng.next();
    if (present.length && roll < 0.5) {
      const s = rng.pick(present);
      const chars = [...s];
      let from = 0;
      let to = chars.length;
      if (op === 'contains' || op === 'not_contains' || op === 'starts_with' || op === 'ends_with') {
        const len = rng.int(1, Math.min(4, chars.length));
        from = op === 'starts_with' ? 0 : op === 'ends_with' ? chars.length - len : rng.int(0, chars.length - len);
        to = from + len;
      }
      const part = chars.slice(from, to).join('');
      return part === '' ? 'a' : rng.chance(0.25) ? swapCase(part, rng) || part : part;
    }
    if (roll < 0.75) return rng.pick(SPECIAL_TEXT);
    return rng.pick(COMPANY_NAMES).slice(0, rng.int(1, 6)) || 'a';
  }

  private number(field: FieldDef): number {
    const rng = this.rng;
    const integer = field.type === 'integer';
    const present = this.present(field).map(Number);
    const roll = rng.next();
    if (present.length && roll < 0.5) {
      const v = rng.pick(present);
      const step = integer ? 1 : rng.pick([0.01, 0.005, 1]);
      return rng.pick([v, v, v - step, v + step]);
    }
    if (roll < 0.8) return integer ? rng.pick([...EMPLOYEES, -1, 2, 3]) : rng.pick([...AMOUNTS, -0.01, 50, 100.005, 1e16]);
    return integer ? rng.int(-5, 100_000) : rng.int(-100, 10_000_000) / 100;
  }

  private date(field: FieldDef): string {
    const rng = this.rng;
    const present = this.present(field).map(String);
    const base = present.length && rng.chance(0.6) ? rng.pick(present) : rng.pick(DATES);
    const shifted = new Date(Date.parse(`${base}T00:00:00Z`) + rng.pick([0, 0, -DAY, DAY])).toISOString().slice(0, 10);
    if (!rng.chance(0.2)) return shifted;
    const [y, m, d] = shifted.split('-').map(Number);
    return `${y}/${m}/${d}`;
  }

  private datetime(field: FieldDef): string {
    const rng = this.rng;
    const present = this.present(field).map(String);
    const base = present.length && rng.chance(0.6) ? rng.pick(present) : rng.pick(DATETIMES);
    const t = Date.parse(base) + rng.pick([0, 0, -1, 1, -DAY]);
    const iso = new Date(t).toISOString();
    return rng.chance(0.2) ? iso.replace('Z', '+00:00') : iso;
  }

  private uuid(field: FieldDef): string {
    const rng = this.rng;
    if (isUserLookup(field)) {
      if (rng.chance(0.35)) return '$me';
      return rng.chance(0.85) ? rng.pick(this.users).id : randomUUID();
    }
    const present = this.present(field).map(String);
    const id = present.length && rng.chance(0.85) ? rng.pick(present) : randomUUID();
    return rng.chance(0.2) ? id.toUpperCase() : id;
  }

  /** One comparison value of the field's kind, fit for `op`. */
  scalar(field: FieldDef, op: OperatorName): unknown {
    switch (fieldType(field).valueKind) {
      case 'number':
        return this.number(field);
      case 'date':
        return this.date(field);
      case 'datetime':
        return this.datetime(field);
      case 'uuid':
        return this.uuid(field);
      case 'boolean':
        return this.rng.chance(0.5);
      default:
        return this.text(field, op);
    }
  }

  leaf(field: FieldDef, op: OperatorName): Condition {
    if (NO_VALUE_OPERATORS.has(op)) return this.rng.chance(0.5) ? { field: field.name, op } : { field: field.name, op, value: null };
    if (op === 'between') {
      // Mostly low..high; sometimes reversed, which matches nothing in either evaluator.
      const pair = [this.scalar(field, op), this.scalar(field, op)];
      const key = (v: unknown) =>
        typeof v === 'number'
          ? v
          : Date.parse(
              String(v)
                .replace(/\//g, '-')
                .replace(/-(\d)(?=\D|$)/g, '-0$1'),
            );
      pair.sort((x, y) => key(x) - key(y));
      return { field: field.name, op, value: this.rng.chance(0.85) ? pair : pair.reverse() };
    }
    if (op === 'during') return { field: field.name, op, value: this.rng.pick([...FIXED_PERIODS, 'last_7_days', 'next_30_days', 'last_365_days']) };
    if (LIST_OPERATORS.has(op)) return { field: field.name, op, value: Array.from({ length: this.rng.int(1, 4) }, () => this.scalar(field, op)) };
    return { field: field.name, op, value: this.scalar(field, op) };
  }

  randomLeaf(fields: FieldDef[]): Condition {
    const field = this.rng.pick(fields);
    return this.leaf(field, this.rng.pick(fieldType(field).operators));
  }

  /** A random all/any/not tree over `fields`, at most `depth` groups deep. */
  tree(fields: FieldDef[], depth: number): Condition {
    if (depth === 0 || this.rng.chance(0.3)) return this.randomLeaf(fields);
    const kind = this.rng.pick(['all', 'any', 'not', 'all', 'any'] as const);
    if (kind === 'not') return { not: this.tree(fields, depth - 1) };
    return { [kind]: Array.from({ length: this.rng.int(0, 3) }, () => this.tree(fields, depth - 1)) };
  }
}
