/**
 * Compile a checked formula to a SQL expression over a record table, with the semantics of
 * evaluate.ts: numbers are numeric (never float8), TODAY()/NOW()/the time zone are bind parameters
 * (so memory and SQL see the same moment), and nothing can raise an SQL error: division by zero,
 * impossible dates and text that is not a number all give NULL, each guarded by a CASE written so
 * that constant folding at plan time cannot evaluate the guarded branch either.
 *
 * Formula fields are inlined; a field through lookups is a correlated scalar subquery per hop.
 * Every value is a bind parameter and every identifier is validated and quoted.
 */
import { ident, qualified } from '../../core/identifiers';
import type { Params } from '../../core/sql';
import { fieldType } from '../../fields/registry';
import type { FieldDef } from '../../fields/types';
import { formulaScale } from './check';
import { toText, VALUE_MAX_LENGTH, VALUE_PATTERN, type Dec } from './decimal';
import { ROUND_DIGITS } from './functions';
import type { CheckedFormula, FNode, FormulaType } from './types';

export interface SqlOptions {
  /** Alias of the record table in the surrounding query. */
  alias: string;
  /** The workspace schema (lookup targets are read from it). */
  schema: string;
  /** 'YYYY-MM-DD' in the workspace time zone (TODAY()). */
  today: string;
  /** ISO date and time (NOW()). */
  now: string;
  /** IANA time zone for date/time -> date conversions. */
  timeZone: string;
}

const SQL_TYPES: Record<FormulaType, string> = { number: 'numeric', text: 'text', boolean: 'boolean', date: 'date', datetime: 'timestamptz' };

/** The Postgres type of a formula's SQL value. */
export function formulaSqlType(type: FormulaType): string {
  return SQL_TYPES[type];
}

/** Expressions at most this long (and without subqueries) are repeated rather than bound once. */
const SHORT = 60;

class SqlCompiler {
  private aliases = 0;
  private shared = new Map<string, string>();

  constructor(
    private readonly params: Params,
    private readonly opts: SqlOptions,
  ) {}

  /** A bind parameter used once per query however often it appears (TODAY, NOW, the time zone). */
  private once(key: string, value: unknown, type: string): string {
    let p = this.shared.get(key);
    if (!p) this.shared.set(key, (p = `${this.params.add(value)}::${type}`));
    return p;
  }

  private alias(): string {
    let a: string;
    do a = `fx${++this.aliases}`;
    while (a === this.opts.alias);
    return a;
  }

  /**
   * Evaluate expressions once and use them several times in `body`: short ones are repeated, long
   * ones bound in a one-row subquery, so nested functions do not grow the SQL exponentially.
   */
  private bind(exprs: string[], body: (refs: string[]) => string): string {
    const long = exprs.map((e) => e.length > SHORT || e.includes('SELECT'));
    if (!long.some(Boolean)) return body(exprs);
    const x = this.alias();
    const cols = exprs.flatMap((e, i) => (long[i] ? [`${e} AS ${ident(`v${i}`)}`] : []));
    const refs = exprs.map((e, i) => (long[i] ? `${ident(x)}.${ident(`v${i}`)}` : e));
    return `(SELECT ${body(refs)} FROM (SELECT ${cols.join(', ')}) AS ${ident(x)})`;
  }

  private tz(): string {
    return this.once('tz', this.opts.timeZone, 'text');
  }

  /** A date or date/time as a date (date/times in the workspace time zone). */
  private asDate(node: FNode, sql: string): string {
    return node.type === 'datetime' ? `(${sql} AT TIME ZONE ${this.tz()})::date` : sql;
  }

  private blank(type: FormulaType): string {
    return type === 'text' ? `''::text` : `NULL::${SQL_TYPES[type]}`;
  }

  /** A stored field's value over a table alias, as formulas see it. */
  private column(field: FieldDef, type: FormulaType, alias: string): string {
    const col = fieldType(field).columns(field)[0];
    const c = `${ident(alias)}.${ident(col.name)}`;
    switch (type) {
      case 'number':
        return `${c}::numeric`;
      case 'text':
        return `COALESCE(${c}::text, '')`;
      case 'boolean':
        return `COALESCE(${c}, FALSE)`;
      case 'date':
        return c;
      // The API shows milliseconds; system timestamps store microseconds.
      case 'datetime':
        return col.sqlType === 'timestamptz(3)' ? c : `date_trunc('milliseconds', ${c})`;
    }
  }

  private field(node: FNode & { k: 'field' }, alias: string): string {
    const value = (a: string) => {
      if (!node.formula) return this.column(node.field, node.type, a);
      const inner = this.compile(node.formula, a);
      return node.type === 'boolean' ? `COALESCE(${inner}, FALSE)` : this.rounded(inner, formulaScale(node.field));
    };
    if (!node.steps.length) return value(alias);
    const hop = (i: number, from: string): string => {
      if (i === node.steps.length) return value(from);
      const step = node.steps[i];
      const x = this.alias();
      const link = fieldType(step).columns(step)[0].name;
      return `(SELECT ${hop(i + 1, x)} FROM ${qualified(this.opts.schema, step.target)} AS ${ident(x)} WHERE ${ident(x)}."id" = ${ident(from)}.${ident(link)})`;
    };
    const sub = hop(0, alias);
    // No related record: blank, as a stored field would be.
    return node.type === 'text' ? `COALESCE(${sub}, '')` : node.type === 'boolean' ? `COALESCE(${sub}, FALSE)` : sub;
  }

  /** A number rounded to a formula field's scale, as evaluate.ts rounds it. */
  rounded(sql: string, scale: number | undefined): string {
    return scale === undefined ? sql : `round(${sql}, ${this.once(`scale${scale}`, scale, 'int')})`;
  }

  private literal(node: FNode & { k: 'lit' }): string {
    if (node.value === null) return this.blank(node.type);
    switch (node.type) {
      case 'number':
        return `${this.params.add(toText(node.value as Dec))}::numeric`;
      case 'text':
        return `${this.params.add(node.value)}::text`;
      default:
        return node.value ? 'TRUE' : 'FALSE';
    }
  }

  compile(node: FNode, alias: string): string {
    const c = (n: FNode) => this.compile(n, alias);
    switch (node.k) {
      case 'lit':
        return this.literal(node);
      case 'field':
        return this.field(node, alias);
      case 'neg':
        return `(- ${c(node.arg)})`;
      case 'not':
        return `(NOT ${c(node.arg)})`;
      case 'arith':
        return node.op === '/' ? `(${c(node.left)} / NULLIF(${c(node.right)}, 0))` : `(${c(node.left)} ${node.op} ${c(node.right)})`;
      case 'dateAdd': {
        const days = node.minus ? `(- ${c(node.days)})` : c(node.days);
        return this.bind(
          [c(node.date), days],
          ([d, n]) =>
            // The outer test alone decides whether n fits an int, so a constant n is never cast unguarded.
            `(CASE WHEN abs(${n}) <= 4000000 THEN CASE WHEN trunc(${n}) BETWEEN (DATE '0001-01-01' - ${d}) AND (DATE '9999-12-31' - ${d}) THEN ${d} + trunc(${n})::int END END)`,
        );
      }
      case 'dateDiff':
        return `((${c(node.left)} - ${c(node.right)})::numeric)`;
      case 'concat':
        return `(${c(node.left)} || ${c(node.right)})`;
      case 'cmp': {
        const op = node.op === '!=' ? '<>' : node.op;
        // Text orders by code point whatever the database's collation.
        const collate = node.left.type === 'text' && op !== '=' && op !== '<>' ? ' COLLATE "C"' : '';
        return `((${c(node.left)})${collate} ${op} ${c(node.right)})`;
      }
      case 'and':
      case 'or':
        return `(${node.args.map(c).join(node.k === 'and' ? ' AND ' : ' OR ')})`;
      // A stored record compared with itself: nothing changed, and it is not new.
      case 'prior':
        return node.fn === 'ISCHANGED' ? 'FALSE' : this.column(node.field, node.type, alias);
      case 'call':
        return this.call(node, alias);
    }
  }

  private call(node: FNode & { k: 'call' }, alias: string): string {
    const a = node.args;
    const c = (i: number) => this.compile(a[i], alias);
    switch (node.fn) {
      case 'AND':
      case 'OR':
        return `(${a.map((_, i) => c(i)).join(` ${node.fn} `)})`;
      case 'NOT':
        return `(NOT ${c(0)})`;
      case 'IF':
        return `(CASE WHEN ${c(0)} THEN ${c(1)} ELSE ${c(2)} END)`;
      case 'CASE': {
        const whens = [];
        for (let i = 1; i + 1 < a.length; i += 2) whens.push(`WHEN ${c(i)} THEN ${c(i + 1)}`);
        return `(CASE ${c(0)} ${whens.join(' ')} ELSE ${c(a.length - 1)} END)`;
      }
      case 'ISBLANK':
        return a[0].type === 'text' ? `(${c(0)} = '')` : `(${c(0)} IS NULL)`;
      case 'BLANKVALUE':
        return node.type === 'text' ? `COALESCE(NULLIF(${c(0)}, ''), ${c(1)})` : `COALESCE(${c(0)}, ${c(1)})`;
      case 'TODAY':
        return this.once('today', this.opts.today, 'date');
      case 'NOW':
        return this.once('now', new Date(this.opts.now).toISOString(), 'timestamptz');
      case 'DATE':
        return this.bind([c(0), c(1), c(2)], ([y, m, d]) => {
          const leap = `((mod(${y}, 4) = 0 AND mod(${y}, 100) <> 0) OR mod(${y}, 400) = 0)`;
          const days = `(CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
          const valid = `${y} = trunc(${y}) AND ${m} = trunc(${m}) AND ${d} = trunc(${d}) AND ${y} BETWEEN 1 AND 9999 AND ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${days}`;
          return `(CASE WHEN ${valid} THEN make_date(${y}::int, ${m}::int, ${d}::int) END)`;
        });
      case 'ADDMONTHS':
        return this.bind([c(0), c(1)], ([d, n]) => {
          const index = `(extract(year from ${d}) * 12 + extract(month from ${d}) - 1 + trunc(${n}))`;
          return `(CASE WHEN abs(${n}) <= 200000 THEN CASE WHEN ${index} BETWEEN 12 AND ${9999 * 12 + 11} THEN (${d} + make_interval(months => trunc(${n})::int))::date END END)`;
        });
      case 'DATEDIFF':
        return `((${this.asDate(a[1], c(1))} - ${this.asDate(a[0], c(0))})::numeric)`;
      case 'YEAR':
      case 'MONTH':
      case 'DAY':
        return `(extract(${node.fn.toLowerCase()} from ${this.asDate(a[0], c(0))})::numeric)`;
      case 'TEXT':
        return this.text(a[0], c(0));
      case 'VALUE': {
        const pattern = this.once('valuePattern', VALUE_PATTERN, 'text');
        return this.bind([c(0)], ([s]) => `(CASE WHEN length(${s}) <= ${VALUE_MAX_LENGTH} AND ${s} ~ ${pattern} THEN ${s}::numeric END)`);
      }
      case 'LEN':
        return `(length(${c(0)})::numeric)`;
      case 'CONTAINS':
        return `(strpos(${c(0)}, ${c(1)}) > 0)`;
      case 'BEGINS':
        return `starts_with(${c(0)}, ${c(1)})`;
      case 'LOWER':
        return `lower(${c(0)})`;
      case 'UPPER':
        return `upper(${c(0)})`;
      case 'ROUND': {
        if (a.length === 1) return `round(${c(0)}, 0)`;
        const x = c(0);
        return this.bind([c(1)], ([k]) => `(CASE WHEN ${k} IS NOT NULL THEN round(${x}, LEAST(GREATEST(round(${k}), -${ROUND_DIGITS}), ${ROUND_DIGITS})::int) END)`);
      }
      case 'ABS':
        return `abs(${c(0)})`;
      case 'MIN':
        return `LEAST(${a.map((_, i) => c(i)).join(', ')})`;
      case 'MAX':
        return `GREATEST(${a.map((_, i) => c(i)).join(', ')})`;
      case 'ISNEW':
        return 'FALSE';
      default:
        throw new Error(`Formula function ${node.fn} has no SQL form`);
    }
  }

  /** TEXT(): the same text evaluate.ts writes. */
  private text(arg: FNode, sql: string): string {
    switch (arg.type) {
      case 'number':
        return `COALESCE(trim_scale(${sql})::text, '')`;
      case 'boolean':
        return `COALESCE((${sql})::text, '')`;
      case 'date':
        return `COALESCE(to_char(${sql}, 'YYYY-MM-DD'), '')`;
      case 'datetime':
        return `COALESCE(to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '')`;
      default:
        return sql;
    }
  }
}

/**
 * The SQL expression of a checked formula over the table aliased `opts.alias`. Its type is
 * formulaSqlType(f.type); blank text is NULL and an unknown boolean is FALSE, as evaluateFormula gives.
 */
export function compileFormulaSql(f: CheckedFormula, params: Params, opts: SqlOptions): string {
  const compiler = new SqlCompiler(params, opts);
  const sql = compiler.compile(f.node, opts.alias);
  if (f.type === 'number') return compiler.rounded(sql, f.scale);
  return f.type === 'text' ? `NULLIF(${sql}, '')` : f.type === 'boolean' ? `COALESCE(${sql}, FALSE)` : sql;
}
