/** Deterministic names for generated constraints and indexes, kept within Postgres's 63-byte limit. */
import { createHash } from 'node:crypto';

export function dbName(...parts: string[]): string {
  const name = parts.join('_');
  if (name.length <= 63) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 54)}_${hash}`;
}

/** The Postgres schema holding a workspace's record tables. */
export function workspaceSchema(workspace: string): string {
  return `ws_${workspace}`;
}
