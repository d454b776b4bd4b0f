/**
 * Exact decimal arithmetic that mirrors PostgreSQL's `numeric`, so a formula evaluated in memory
 * gives the same number as its SQL form: + - * are exact, division keeps the number of digits
 * Postgres keeps (select_div_scale in numeric.c) and rounds half away from zero, and every value
 * carries its display scale (`s`, Postgres' dscale) because later divisions and ROUND depend on it.
 */

/** value = n / 10^s, with s >= 0 the number of digits after the decimal point. */
export interface Dec {
  n: bigint;
  s: number;
}

/** Postgres limits: numeric.c NUMERIC_MIN_SIG_DIGITS, NUMERIC_MAX_DISPLAY_SCALE, NUMERIC_DSCALE_MAX. */
const MIN_SIG_DIGITS = 16;
const MAX_DISPLAY_SCALE = 1000;
const DSCALE_MAX = 0x3fff;

const pow10 = (k: number): bigint => 10n ** BigInt(k);
const absBig = (x: bigint): bigint => (x < 0n ? -x : x);

/** Integer division rounding half away from zero. */
function divRound(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  const up = 2n * absBig(r) >= absBig(den);
  if (!up) return q;
  return num < 0n !== den < 0n ? q - 1n : q + 1n;
}

/** Text VALUE() turns into a number, as a regular expression both JavaScript and Postgres read alike. */
export const VALUE_PATTERN = '^ *[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+) *$';
/** Longer text is not a number for VALUE (Postgres numeric has limits on digits). */
export const VALUE_MAX_LENGTH = 1000;

const DECIMAL_TEXT = /^ *([+-])?([0-9]+)?(?:\.([0-9]*))? *$/;

/** Parse decimal text (`12`, `-3.50`, `.5`, `7.`): the scale is the number of digits written after the point. */
export function parseDec(text: string): Dec | null {
  const m = DECIMAL_TEXT.exec(text);
  if (!m || (m[2] === undefined && !m[3])) return null;
  const frac = m[3] ?? '';
  const n = BigInt((m[2] ?? '0') + frac);
  return { n: m[1] === '-' ? -n : n, s: frac.length };
}

/** A JavaScript number as a decimal (its shortest round-trip text), or null when not finite. */
export function fromNumber(x: number): Dec | null {
  if (!Number.isFinite(x)) return null;
  const text = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) return null;
  const digits = BigInt(m[2] + (m[3] ?? ''));
  let s = (m[3] ?? '').length - Number(m[4] ?? 0);
  let n = m[1] === '-' ? -digits : digits;
  if (s < 0) {
    n *= pow10(-s);
    s = 0;
  }
  return { n, s };
}

export function fromInt(x: number | bigint): Dec {
  return { n: BigInt(x), s: 0 };
}

/** The same value with `s` digits after the point, rounding half away from zero when digits are dropped. */
export function rescale(d: Dec, s: number): Dec {
  if (s >= d.s) return { n: d.n * pow10(s - d.s), s };
  return { n: divRound(d.n, pow10(d.s - s)), s };
}

export function add(a: Dec, b: Dec): Dec {
  const s = Math.max(a.s, b.s);
  return { n: a.n * pow10(s - a.s) + b.n * pow10(s - b.s), s };
}

export function neg(a: Dec): Dec {
  return { n: -a.n, s: a.s };
}

export function sub(a: Dec, b: Dec): Dec {
  return add(a, neg(b));
}

export function abs(a: Dec): Dec {
  return { n: absBig(a.n), s: a.s };
}

/** Exact product; like Postgres, rounded only when it would exceed the largest storable scale. */
export function mul(a: Dec, b: Dec): Dec {
  const p = { n: a.n * b.n, s: a.s + b.s };
  return p.s > DSCALE_MAX ? rescale(p, DSCALE_MAX) : p;
}

/** Weight and first digit of a value written in base 10000, as numeric.c stores it. */
function base10000(d: Dec): { weight: number; first: bigint } {
  const m = absBig(d.n);
  if (m === 0n) return { weight: 0, first: 0n };
  const e10 = m.toString().length - 1 - d.s; // floor(log10 |value|)
  const weight = Math.floor(e10 / 4);
  const shift = d.s + 4 * weight; // |value| / 10000^weight = m / 10^shift
  const first = shift >= 0 ? m / pow10(shift) : m * pow10(-shift);
  return { weight, first };
}

/** The scale Postgres gives a quotient: at least 16 significant digits, never less than either input's scale. */
function divScale(a: Dec, b: Dec): number {
  const x = base10000(a);
  const y = base10000(b);
  let qweight = x.weight - y.weight;
  if (x.first <= y.first) qweight--;
  const rscale = Math.max(MIN_SIG_DIGITS - qweight * 4, a.s, b.s, 0);
  return Math.min(rscale, MAX_DISPLAY_SCALE);
}

/** a / b as Postgres computes it; null when b is zero (formulas make division by zero blank). */
export function div(a: Dec, b: Dec): Dec | null {
  if (b.n === 0n) return null;
  const s = divScale(a, b);
  // a/b * 10^s = (a.n * 10^(b.s + s)) / (b.n * 10^a.s)
  let num = a.n;
  let den = b.n;
  const e = b.s + s - a.s;
  if (e >= 0) num *= pow10(e);
  else den *= pow10(-e);
  return { n: divRound(num, den), s };
}

export function cmp(a: Dec, b: Dec): number {
  const s = Math.max(a.s, b.s);
  const x = a.n * pow10(s - a.s);
  const y = b.n * pow10(s - b.s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Postgres round(numeric, int): half away from zero; the result has max(digits, 0) decimals. */
export function round(a: Dec, digits: number): Dec {
  if (digits >= 0) return rescale(a, digits);
  const unit = pow10(-digits);
  return { n: divRound(a.n, pow10(a.s) * unit) * unit, s: 0 };
}

/** Toward zero, as an integer (Postgres trunc). */
export function truncInt(a: Dec): bigint {
  return a.n / pow10(a.s);
}

export function isInteger(a: Dec): boolean {
  return a.n % pow10(a.s) === 0n;
}

/** Text as Postgres prints a numeric: all `s` decimals, no exponent. */
export function toText(a: Dec): string {
  const neg = a.n < 0n;
  const digits = absBig(a.n)
    .toString()
    .padStart(a.s + 1, '0');
  const int = digits.slice(0, digits.length - a.s);
  const frac = a.s ? `.${digits.slice(digits.length - a.s)}` : '';
  return `${neg ? '-' : ''}${int}${frac}`;
}

/** Without trailing zeros after the point (Postgres trim_scale). */
export function trimScale(a: Dec): Dec {
  let { n, s } = a;
  while (s > 0 && n % 10n === 0n) {
    n /= 10n;
    s--;
  }
  return { n, s };
}

export function toNumber(a: Dec): number {
  return Number(toText(a));
}
