/**
 * The key a workspace's schema is converged at, recorded in `workspaces.converged_key`. It changes
 * when the stock metadata changes, when the DDL that the schema code derives from it changes (a
 * field type's columns, the index rules), when SCHEMA_CODE_VERSION is bumped (converge learned a
 * step that changes no DDL), and when the workspace's own metadata revision moves. A workspace
 * whose key is current needs no converge: start-up finds the others with one query.
 */
import { createHash } from 'node:crypto';
import { stockLayer, stockMetadata } from '../metadata/registry';
import type { MetadataModel } from '../metadata/model';
import { planSchema } from './plan';

/** Bump when converge does something new that the stock DDL does not show. */
const SCHEMA_CODE_VERSION = 1;

const cached = new WeakMap<MetadataModel, string>();

/** The stock-and-code part of the key (computed once per loaded stock metadata). */
export function convergeBase(): string {
  const stock = stockMetadata();
  let base = cached.get(stock);
  if (!base) {
    const empty = { schemaExists: false, tables: new Map(), indexes: new Set<string>(), constraints: new Set<string>() };
    const ddl = planSchema(stock, 'ws', empty).actions.map((a) => a.sql);
    base = createHash('sha256')
      .update(JSON.stringify([SCHEMA_CODE_VERSION, stockLayer().entries, ddl]))
      .digest('hex')
      .slice(0, 16);
    cached.set(stock, base);
  }
  return base;
}

/** The key of a workspace converged with the current code at metadata revision `revision`. */
export function convergedKey(revision: number): string {
  return `${convergeBase()}:${revision}`;
}
