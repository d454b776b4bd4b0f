/**
 * Identifiers that reach SQL come from metadata, never from request strings. They are still
 * validated against one pattern and always double-quoted, so a bad metadata file cannot inject SQL.
 */
const IDENTIFIER_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

export function isIdentifier(name: unknown): name is string {
  return typeof name === 'string' && IDENTIFIER_PATTERN.test(name);
}

/** Quote an identifier for SQL after validating it; throws on anything that is not a plain identifier. */
export function ident(name: string): string {
  if (!isIdentifier(name)) throw new Error(`Invalid SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Schema-qualified table name, both parts validated and quoted. */
export function qualified(schema: string, table: string): string {
  return `${ident(schema)}.${ident(table)}`;
}
