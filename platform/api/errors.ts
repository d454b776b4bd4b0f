/** One error shape for every channel: `{ error: { code, message, details: [{ field, code, message }] } }`. */
import { AppError, isAppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';

export interface ErrorBody {
  error: { code: string; message: string; details: AppError['details'] };
}

/** Convert anything thrown into an AppError; unexpected errors are logged and hidden behind INTERNAL. */
export function toAppError(e: unknown, locale: Locale = 'en'): AppError {
  if (isAppError(e)) return e;
  console.error('[api] unexpected error:', e);
  return new AppError('INTERNAL', t(locale, 'internal'));
}

export function errorBody(e: AppError): ErrorBody {
  return { error: { code: e.code, message: e.message, details: e.details } };
}
