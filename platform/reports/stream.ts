/**
 * Rows of a statement read through a server-side cursor in batches, on one connection held for the
 * whole stream (export of a million rows never holds them all in memory). The cursor lives in a
 * transaction whose idle limit is raised for its own duration only, so a slow download is not cut.
 */
import { withTransaction } from '../db/pool';
import type { RecordContext } from '../data/context';

const BATCH = 1000;

type Row = Record<string, unknown>;

/** Each row of `sql`, mapped, in order; stopping early (a `return` from the consumer) closes the cursor. */
export async function* cursorRows(ctx: RecordContext, sql: string, values: unknown[], map: (r: Row) => Row): AsyncGenerator<Row> {
  const queue: Row[][] = [];
  let finished = false;
  let stopped = false;
  let failure: unknown;
  let signal: (() => void) | undefined;
  const notify = () => {
    const s = signal;
    signal = undefined;
    s?.();
  };
  const waitFor = () => new Promise<void>((resolve) => (signal = resolve));

  const produce = async (client: NonNullable<RecordContext['tx']>) => {
    if (!ctx.tx) await client.query(`SET LOCAL idle_in_transaction_session_timeout = '300s'`);
    await client.query(`DECLARE "report_rows" NO SCROLL CURSOR FOR ${sql}`, values);
    while (!stopped) {
      const { rows } = await client.query(`FETCH ${BATCH} FROM "report_rows"`);
      if (!rows.length) break;
      queue.push(rows.map(map));
      notify();
      // Back-pressure: at most two batches wait for the consumer.
      while (queue.length >= 2 && !stopped) await waitFor();
    }
    await client.query('CLOSE "report_rows"');
  };
  const work = (ctx.tx ? produce(ctx.tx) : withTransaction(ctx.pool, produce))
    .catch((e: unknown) => void (failure = e))
    .finally(() => {
      finished = true;
      notify();
    });
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        notify();
        yield* batch;
      } else if (finished) break;
      else await waitFor();
    }
  } finally {
    stopped = true;
    notify();
    await work;
  }
  if (failure) throw failure;
}
