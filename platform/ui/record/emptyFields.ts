/** Whether a field shows nothing on the record page (so the Details tab can fold it away). */
export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}
