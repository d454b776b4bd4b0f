/** The forms and sections a record uses: its process's own layout when it has one, else the object's. */

interface Screens {
  createForm: unknown;
  editForm: unknown;
  layout: unknown;
}

/** `meta` is `meta.object()`'s answer; `process` the record's (or the form's) process name. */
export function screensFor<S extends Screens>(meta: { processScreens?: Record<string, S> | null } & NoInfer<S>, process: unknown): S {
  return (typeof process === 'string' && meta.processScreens?.[process]) || meta;
}
