/** Calendar dates, exchanged as YYYY-MM-DD (pg's date parser is set to return that text unchanged). */
import { DATE_OPERATORS, scalarType } from './common';

const DATE_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** Normalise "2026/3/5" and "2026-03-05" to "2026-03-05"; null when not a real date. */
export function normaliseDate(text: string): string | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  if (y === 0) return null; // Postgres has no year 0
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const dateType = scalarType({
  type: 'date',
  label: { en: 'Date', zh: '日期' },
  valueKind: 'date',
  params: { properties: { default: { type: 'string', format: 'date' } } },
  sqlType: () => 'date',
  // Postgres has no year 0000 (1 BC): refuse it here rather than fail in the database.
  schema: () => ({ type: 'string', format: 'date', pattern: '^(?!0000-)', 'x-message': 'validation.date' }),
  widget: () => ({ 'ui:widget': 'date' }),
  operators: DATE_OPERATORS,
  sortable: true,
  formulaType: 'date',
  summarisedBy: ['min', 'max'],
  filterInput: 'date',
  parseCsv: (_f, cell) => {
    if (cell.trim() === '') return { ok: true, value: null };
    const d = normaliseDate(cell);
    return d ? { ok: true, value: d } : { ok: false, message: `"${cell}" is not a date (YYYY-MM-DD)` };
  },
});
