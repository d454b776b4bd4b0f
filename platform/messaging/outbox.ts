/**
 * The outbox: e-mails are written in the transaction of what caused them (so a rolled-back
 * approval sends nothing) and delivered afterwards by the worker, with retries. The transport is
 * SMTP when TESSERA_SMTP_URL is set (smtp://user:pass@host:port), else a log transport that prints
 * the message: the embedded default needs no mail server.
 */
import { withClient, type Queryable } from '../db/pool';
import type pg from 'pg';

export interface OutgoingEmail {
  workspaceId: string;
  to: string;
  subject: string;
  body: string;
}

export interface Transport {
  name: string;
  send(message: { to: string; subject: string; body: string }): Promise<void>;
}

const MAX_ATTEMPTS = 5;

/** Queue e-mails (in the caller's transaction). */
export async function enqueueEmails(db: Queryable, emails: OutgoingEmail[]): Promise<void> {
  if (!emails.length) return;
  await db.query(
    `INSERT INTO outbox (workspace_id, channel, recipient, subject, body)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [emails.map((e) => e.workspaceId), emails.map(() => 'email'), emails.map((e) => e.to), emails.map((e) => e.subject), emails.map((e) => e.body)],
  );
}

/** Prints messages instead of sending them (development and the embedded default). */
const logTransport: Transport = {
  name: 'log',
  async send(m) {
    if (process.env.TESSERA_QUIET_OUTBOX !== '1') console.log(`[outbox] to ${m.to}: ${m.subject}`);
  },
};

let smtp: Transport | undefined;

/** The configured transport: SMTP (nodemailer) when TESSERA_SMTP_URL is set, else the log transport. */
export async function defaultTransport(): Promise<Transport> {
  const url = process.env.TESSERA_SMTP_URL;
  if (!url) return logTransport;
  if (!smtp) {
    const nodemailer = await import('nodemailer');
    const transporter = nodemailer.createTransport(url);
    const from = process.env.TESSERA_MAIL_FROM ?? 'Tessera <no-reply@tessera.local>';
    smtp = {
      name: 'smtp',
      send: async (m) => {
        await transporter.sendMail({ from, to: m.to, subject: m.subject, text: m.body });
      },
    };
  }
  return smtp;
}

/**
 * Deliver due messages, a batch at a time. Rows are claimed with SKIP LOCKED so several workers
 * never send one message twice; a failure is retried with backoff, then marked failed.
 */
export async function deliverOutbox(pool: pg.Pool, transport: Transport, opts: { batch?: number; workspaceId?: string } = {}): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  await withClient(pool, async (client) => {
    try {
      await client.query('BEGIN');
      const due = await client.query<{ id: string; recipient: string; subject: string; body: string; attempts: number }>(
        `SELECT id, recipient, subject, body, attempts FROM outbox WHERE status = 'queued' AND next_attempt_at <= now() AND ($2::uuid IS NULL OR workspace_id = $2)
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [opts.batch ?? 50, opts.workspaceId ?? null],
      );
      for (const m of due.rows) {
        try {
          await transport.send({ to: m.recipient, subject: m.subject, body: m.body });
          await client.query(`UPDATE outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1 WHERE id = $1`, [m.id]);
          sent++;
        } catch (e) {
          const attempts = m.attempts + 1;
          await client.query(
            `UPDATE outbox SET attempts = $2, last_error = $3, status = CASE WHEN $2 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'queued' END,
               next_attempt_at = now() + make_interval(secs => 30 * power(2, $2)) WHERE id = $1`,
            [m.id, attempts, String((e as Error).message ?? e).slice(0, 1000)],
          );
          if (attempts >= MAX_ATTEMPTS) failed++;
        }
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  });
  return { sent, failed };
}
