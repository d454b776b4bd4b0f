/** Detail rows as the result gives them: display-ready values in the viewer's language. */
import { pickLabel, t, type Locale } from '../core/i18n';
import { isoFromPg } from '../core/time';
import { hasOptions } from '../fields/guards';
import type { RowColumn } from './compile';
import { isNumeric } from './compile';
import { pathType } from './paths';

/**
 * One detail row: `$id` (the record, for a link), each column by its path (lookups as the parent's
 * name, picklists as their label, numbers as numbers, dates `YYYY-MM-DD`, date-times ISO 8601),
 * and `<path>$currency` beside an amount.
 */
export function rowOf(raw: Record<string, unknown>, columns: RowColumn[], locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = { $id: raw.$id };
  columns.forEach((c, i) => {
    const key = c.path.path;
    const v = raw[`v${i}`];
    if (c.currency) out[`${key}$currency`] = raw[`c${i}`] ?? null;
    if (c.named) {
      const name = raw[`n${i}`];
      out[key] = v === null || v === undefined ? null : name === null || name === undefined ? t(locale, 'report.restricted') : name;
      return;
    }
    if (v === null || v === undefined) return void (out[key] = null);
    const field = c.path.kind === 'user' ? undefined : c.path.field;
    if (field && hasOptions(field)) {
      const label = (value: unknown) => pickLabel(field.options.find((o) => o.value === value)?.label, locale) || String(value);
      out[key] = Array.isArray(v) ? v.map(label).join(', ') : label(v);
    } else if (isNumeric(c.path)) out[key] = Number(v);
    else if (pathType(c.path) === 'datetime') out[key] = isoFromPg(v);
    else out[key] = v;
  });
  return out;
}
