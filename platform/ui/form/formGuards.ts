/** Checks a generated form makes before it sends anything (client-safe, no React). */

/** Number properties still holding text the number input could not read ("12abc"): the form saves nothing while any is left. */
export function unreadableNumbers(schema: { properties?: Record<string, unknown> }, data: Record<string, unknown>): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([key, s]) => {
      const type = (s as { type?: unknown }).type;
      return (type === 'number' || type === 'integer') && typeof data[key] === 'string' && data[key] !== '';
    })
    .map(([key]) => key);
}

/**
 * Enter in a date or time picker chooses the date; it must not also submit the form (the
 * browser's implicit submission). Called on key-down as the event bubbles out of the picker.
 */
export function keepEnterInPickers(e: { key: string; target: EventTarget | null; preventDefault(): void }): void {
  if (e.key !== 'Enter') return;
  const el = e.target as Element | null;
  if (el && typeof el.closest === 'function' && el.closest('.ant-picker')) e.preventDefault();
}
