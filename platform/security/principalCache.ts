/**
 * Who an API key or a session token is, remembered by this process for up to a minute, so a
 * request costs one database round trip (its own work) instead of two. Looking the caller up was
 * the second query of every request.
 *
 * What makes it safe: a remembered principal is used only while this process listens for
 * invalidation notices (db/listen.ts). Triggers send one when a commit revokes a key, ends a
 * session, deactivates or changes a user, or changes a workspace's metadata or security revision;
 * every app server then forgets everything it remembers. A lookup that began before a notice is
 * not kept after it (the listener's epoch). Unknown keys are never remembered, so guessing keys
 * fills no memory. A minute's limit keeps "last used" and "last seen" within a minute, as before.
 */
import type pg from 'pg';
import { listenerFor, type Listener } from '../db/listen';

const MAX_ENTRIES = 10_000;
const MAX_AGE_MS = 60_000;

interface Entry {
  value: object;
  validUntil: number;
}

interface Cache {
  listener: Listener;
  entries: Map<string, Entry>;
  /** Bumped when this process forgets without waiting for the notice (its own change). */
  generation: number;
}

const caches = new WeakMap<pg.Pool, Cache>();

function cacheOf(pool: pg.Pool): Cache {
  let c = caches.get(pool);
  if (!c) {
    const entries = new Map<string, Entry>();
    const listener = listenerFor(pool);
    listener.onForget(() => entries.clear());
    c = { listener, entries, generation: 0 };
    caches.set(pool, c);
  }
  return c;
}

/** A loaded principal and until when it may be reused (a session's own expiry, when sooner than a minute). */
export interface Loaded<T> {
  value: T;
  expiresAt?: number;
}

/**
 * The principal for `key` (a digest of the secret, never the secret), from memory when this
 * process is listening and remembers it, else from `load` (whose result is remembered).
 */
export async function cachedPrincipal<T extends object>(pool: pg.Pool, key: string, load: () => Promise<Loaded<T> | null>): Promise<T | null> {
  const cache = cacheOf(pool);
  const { listener, entries } = cache;
  const now = Date.now();
  if (listener.listening) {
    const hit = entries.get(key);
    if (hit && hit.validUntil > now) return hit.value as T;
    if (hit) entries.delete(key);
  }
  const epoch = listener.epoch;
  const generation = cache.generation;
  const loaded = await load();
  if (!loaded) return null;
  // One object serves many requests: none may change it.
  for (const v of Object.values(loaded.value)) if (v && typeof v === 'object') Object.freeze(v);
  Object.freeze(loaded.value);
  if (listener.listening && listener.epoch === epoch && cache.generation === generation) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string); // the oldest
    entries.set(key, { value: loaded.value, validUntil: Math.min(now + MAX_AGE_MS, loaded.expiresAt ?? Infinity) });
  }
  return loaded.value;
}

/**
 * Forget at once what this process remembers, after a change this process just committed (the
 * notice follows for every server, but the caller's next request may arrive before it does).
 */
export function forgetPrincipals(pool: pg.Pool): void {
  const c = caches.get(pool);
  if (!c) return;
  c.entries.clear();
  c.generation++;
}
