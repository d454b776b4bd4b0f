/**
 * New-record prefill from the URL (`/o/{object}/new?{field}={value}`): only fields the create form
 * offers are kept, each value read as its schema's type; anything else is ignored. `_back` names
 * the page to return to after saving (a path inside the app only).
 */

type PropertySchema = { type?: string | string[]; enum?: unknown[] };

/** The initial values a create form accepts from query parameters. */
export function prefillValues(params: Record<string, string | string[] | undefined>, properties: Record<string, PropertySchema>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(params)) {
    if (!Object.hasOwn(properties, key) || typeof raw !== 'string' || raw === '') continue;
    const value = typed(raw, properties[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function typed(raw: string, schema: PropertySchema): unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('number') || types.includes('integer')) {
    const n = Number(raw);
    return Number.isFinite(n) && (!types.includes('integer') || types.includes('number') || Number.isInteger(n)) ? n : undefined;
  }
  if (types.includes('boolean')) return raw === 'true' ? true : raw === 'false' ? false : undefined;
  if (types.includes('array') || types.includes('object')) return undefined;
  return raw;
}

/** The return path after saving, when it is a page of this app (never another site). */
export function safeBackPath(back: string | string[] | undefined): string | undefined {
  return typeof back === 'string' && /^\/o\/[a-z][a-z0-9_]{0,62}(\/[A-Za-z0-9-]+)?$/.test(back) ? back : undefined;
}

/** A record's values a clone starts with: fields the create form offers, except system, auto-numbered, unique and read-only ones. */
export function copyableValues(
  record: Record<string, unknown>,
  fields: { name: string; type: string; system: boolean; readOnly: boolean; unique?: boolean }[],
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.system || f.readOnly || f.unique || f.type === 'auto_number' || !Object.hasOwn(properties, f.name)) continue;
    const v = record[f.name];
    if (v !== undefined && v !== null) out[f.name] = v;
  }
  return out;
}
