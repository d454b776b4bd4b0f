/** The forms and sections a record uses: its process's own layout when it has one, else the object's. */

interface Screens<F, L> {
  createForm: F;
  editForm: F;
  layout: L;
}

/** `meta` is `meta.object()`'s answer; `process` the record's (or the form's) process name. */
export function screensFor<F, L>(meta: Screens<F, L> & { processScreens?: Record<string, Screens<F, L>> | null }, process: unknown): Screens<F, L> {
  return (typeof process === 'string' && meta.processScreens?.[process]) || meta;
}
