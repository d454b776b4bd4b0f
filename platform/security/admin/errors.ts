/** Error helpers for administration services. */
import { AppError } from '../../core/errors';
import { t, type Locale, type MessageKey } from '../../core/i18n';

export function invalid(locale: Locale, field: string, key: MessageKey, params: Record<string, string | number> = {}): AppError {
  const message = t(locale, key, params);
  return new AppError('VALIDATION_FAILED', message, [{ field, code: key, message }]);
}

export function conflict(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): AppError {
  const message = t(locale, key, params);
  return new AppError('CONFLICT', message, [{ code: key, message }]);
}

export function missing(locale: Locale, what: string): AppError {
  const message = t(locale, 'admin.notFound', { what });
  return new AppError('NOT_FOUND', message, [{ code: 'admin.notFound', message }]);
}

export const API_NAME = /^[a-z][a-z0-9_]{0,62}$/;
