/**
 * Message templates: handlebars over a plain data context. Messages are plain text (e-mail bodies
 * and notifications), so values are not HTML-escaped; templates cannot call code, and handlebars
 * refuses prototype access. Compiled templates are cached by source.
 */
import Handlebars from 'handlebars';

const hb = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate>();
const MAX_CACHED = 500;

/** Render a template; a malformed template throws with handlebars' message (metadata checks catch it first). */
export function renderTemplate(source: string, context: Record<string, unknown>): string {
  let fn = cache.get(source);
  if (!fn) {
    fn = hb.compile(source, { noEscape: true, strict: false });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(source, fn);
  }
  return fn(context);
}
