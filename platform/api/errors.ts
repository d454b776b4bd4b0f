/** One error shape for every channel: `{ error: { code, message, details: [{ field, code, message }] } }`. */
import { AppError, isAppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';
import { localizeError } from '../core/problems';

export interface ErrorBody {
  error: { code: string; message: string; details: AppError['details'] };
}

/** Postgres error codes that mean "the database is busy or cut the work short", not "the request is wrong". */
const BUSY_CODES: Record<string, 'db.busy' | 'db.timeout'> = {
  '53300': 'db.busy', // too many connections
  '57P03': 'db.busy', // cannot connect now (starting or shutting down)
  '57014': 'db.timeout', // statement timeout (or a cancelled query)
  '25P03': 'db.timeout', // idle-in-transaction timeout
  '55P03': 'db.busy', // lock not available (lock timeout)
  '40P01': 'db.busy', // deadlock detected: the other transaction went on, this one may simply retry
  '40001': 'db.busy', // serialization failure
};

/** Errors raised by the pool or the connection rather than by SQL: waiting too long for a connection, or losing it. */
function isConnectionFailure(e: Error): boolean {
  return /timeout exceeded when trying to connect|Connection terminated|connection timeout/i.test(e.message ?? '');
}

/** A database error that is the server being busy, as a typed 503 with Retry-After; else null. */
function busyError(e: unknown, locale: Locale): AppError | null {
  if (!(e instanceof Error)) return null;
  const key = BUSY_CODES[(e as { code?: string }).code ?? ''] ?? (isConnectionFailure(e) ? 'db.busy' : undefined);
  if (!key) return null;
  const message = t(locale, key);
  return new AppError('UNAVAILABLE', message, [{ code: key, message }], { retryAfter: key === 'db.busy' ? 2 : 5 });
}

/**
 * Convert anything thrown into an AppError worded in the caller's language (the one place where
 * errors are translated, for REST and tRPC alike); unexpected errors are logged and hidden behind
 * INTERNAL.
 */
export function toAppError(e: unknown, locale: Locale = 'en'): AppError {
  if (isAppError(e)) return localizeError(e, locale);
  const busy = busyError(e, locale);
  if (busy) {
    console.warn('[api] database busy:', (e as Error).message);
    return busy;
  }
  console.error('[api] unexpected error:', e);
  return new AppError('INTERNAL', t(locale, 'internal'));
}

export function errorBody(e: AppError): ErrorBody {
  return { error: { code: e.code, message: e.message, details: e.details } };
}
