/**
 * Invalidation notices from Postgres (LISTEN/NOTIFY), for what a process remembers between
 * requests. Triggers on the platform tables send a notice when a commit changes what is
 * remembered (migration 20261213100000_auth_notify); every app server listens on its own
 * connection, outside the pool, and forgets on each notice.
 *
 * A process may rely on what it remembers only while it is listening: `listening` is false until
 * LISTEN has run and from the moment the connection fails (everything is then forgotten, and the
 * connection is made again a second later). `epoch` changes with every notice and every failure,
 * so a value read from the database before a notice arrived is never kept after it.
 */
import pg from 'pg';

const AUTH_CHANNEL = 'tessera_auth';

export interface Listener {
  readonly listening: boolean;
  readonly epoch: number;
  /** Called on every notice (with its payload, when it has one) and on every loss of the connection (without). */
  onForget(fn: (payload?: string) => void): void;
}

class ChannelListener implements Listener {
  listening = false;
  epoch = 0;
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly subscribers: ((payload?: string) => void)[] = [];

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
  ) {
    void this.connect();
  }

  onForget(fn: (payload?: string) => void): void {
    this.subscribers.push(fn);
  }

  forget(payload?: string): void {
    this.epoch++;
    for (const fn of this.subscribers) fn(payload);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'tessera-listen' });
    this.client = client;
    const fail = () => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      this.forget();
      client.end().catch(() => {});
      if (!this.closed) {
        this.retry = setTimeout(() => void this.connect(), 1000);
        this.retry.unref();
      }
    };
    client.on('error', fail);
    client.on('end', fail);
    client.on('notification', (m) => this.forget(m.payload || undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      // The listening connection must not keep a script or a test process alive on its own.
      (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      if (this.client === client) {
        this.forget(); // anything read while not listening is dropped
        this.listening = true;
      }
    } catch {
      fail();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.retry) clearTimeout(this.retry);
    const c = this.client;
    this.client = null;
    this.forget();
    await c?.end().catch(() => {});
  }
}

const globalForListen = globalThis as unknown as { __tesseraListeners?: Map<string, ChannelListener> };

/** The listener on `channel` for a pool's database (one per process and database, started on first use). */
export function listenerFor(pool: pg.Pool, channel: string = AUTH_CHANNEL): Listener {
  const url = (pool as pg.Pool & { options: { connectionString?: string } }).options.connectionString ?? '';
  const key = `${channel} ${url}`;
  globalForListen.__tesseraListeners ??= new Map();
  let l = globalForListen.__tesseraListeners.get(key);
  if (!l) {
    l = new ChannelListener(url, channel);
    globalForListen.__tesseraListeners.set(key, l);
  }
  return l;
}

/**
 * Forget now what this process remembers, for a change it is making itself: the notice follows
 * at commit, but the caller's next request must not wait for it. Called where such changes are
 * written (a key revoked, a session ended, a security or metadata revision moved on).
 */
export function forgetRemembered(): void {
  for (const l of globalForListen.__tesseraListeners?.values() ?? []) l.forget();
}

/** Stop listening everywhere (with closePools, at shutdown and at the end of scripts). */
export async function closeListeners(): Promise<void> {
  const all = globalForListen.__tesseraListeners;
  if (!all) return;
  globalForListen.__tesseraListeners = new Map();
  await Promise.all([...all.values()].map((l) => l.close()));
}
