/**
 * Numbers as people type them into a form: grouping ("1,234,567"), Chinese units ("12万", "1.5亿",
 * "3千"), full-width digits, a currency sign or 元, a trailing %. Client-safe. What it cannot read it
 * refuses with a reason: a form never keeps part of what was typed ("12abc" is not 12).
 */

/** Why a typed number was refused (a message key suffix: `input.number.<reason>`). */
export type AmountProblem = 'notANumber' | 'grouping' | 'tooLarge' | 'notWhole';

export type AmountResult = { ok: true; value: number | null } | { ok: false; problem: AmountProblem };

/** Chinese magnitude units, longest first so 万亿 wins over 亿. */
const UNITS: [string, number][] = [
  ['万亿', 12],
  ['千万', 7],
  ['百万', 6],
  ['亿', 8],
  ['万', 4],
  ['千', 3],
  ['百', 2],
];

/** Full-width digits and signs (typed with a Chinese IME) as their ASCII forms. */
function halfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0\u202f]/g, ' ')
    .replace(/\uFFE5/g, '¥');
}

/** Moves the decimal point of an unsigned decimal string `shift` places right, exactly (no float error). */
function shiftPoint(digits: string, shift: number): string {
  const [int, frac = ''] = digits.split('.');
  const padded = frac.padEnd(shift, '0');
  const whole = (int + padded.slice(0, shift)).replace(/^0+(?=\d)/, '');
  const rest = padded.slice(shift);
  return rest ? `${whole}.${rest}` : whole;
}

/**
 * Reads a typed number; an empty input is null. `integer` refuses fractions left after the unit
 * ("1.5万" is a whole 15000; "1.5" is not), `percent` allows a trailing %.
 */
export function parseAmount(input: string, { integer = false, percent = false }: { integer?: boolean; percent?: boolean } = {}): AmountResult {
  let s = halfWidth(input).trim();
  if (s === '') return { ok: true, value: null };
  let negative = false;
  if (/^[-−]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  s = s.replace(/^[¥$€£]\s*/, '').replace(/^(CNY|RMB|USD|EUR)\s*/i, '');
  if (percent) s = s.replace(/\s*%$/, '');
  s = s.replace(/\s*元$/, '');
  let shift = 0;
  for (const [unit, power] of UNITS) {
    if (s.endsWith(unit)) {
      shift = power;
      s = s.slice(0, -unit.length).trim();
      break;
    }
  }
  // Spaces and commas group thousands; anything else is not part of a number.
  const ungrouped = s.replace(/[ ,]/g, '');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(ungrouped)) return { ok: false, problem: 'notANumber' };
  if (/[ ,]/.test(s) && !/^\d{1,3}([ ,]\d{3})*(\.\d+)?$/.test(s)) return { ok: false, problem: 'grouping' };
  const digits = shiftPoint(ungrouped.startsWith('.') ? `0${ungrouped}` : ungrouped.replace(/\.$/, ''), shift);
  const value = Number(digits);
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return { ok: false, problem: 'tooLarge' };
  if (integer && !Number.isInteger(value)) return { ok: false, problem: 'notWhole' };
  return { ok: true, value: negative && value !== 0 ? -value : value };
}
