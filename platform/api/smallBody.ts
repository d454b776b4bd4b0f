/**
 * The small JSON bodies of the browser-only endpoints (sign-in, language), read with a hard size
 * limit while streaming: a client that sends a huge or endless body is cut off at the limit instead
 * of being buffered whole. Only named string fields are read from the result (never copied or
 * spread), so keys like `__proto__` cannot reach a prototype.
 */
import { AppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';

/** 16 KB: a sign-in needs a few hundred bytes. */
export const SMALL_BODY_BYTES = 16 * 1024;

function tooLarge(locale: Locale, max: number): AppError {
  const message = t(locale, 'request.tooLargeKb', { max: Math.floor(max / 1024) });
  return new AppError('PAYLOAD_TOO_LARGE', message, [{ pointer: '/', code: 'request.tooLarge', message }]);
}

function badRequest(locale: Locale, key: 'request.badJson' | 'request.bodyObject'): AppError {
  return new AppError('BAD_REQUEST', t(locale, key), [{ pointer: '/', code: key, message: t(locale, key) }]);
}

/** The body as text, refusing (413) once more than `max` bytes arrive. */
export async function readLimitedText(req: Request, locale: Locale, max = SMALL_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > max) throw tooLarge(locale, max);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(locale, max);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw badRequest(locale, 'request.badJson');
  }
}

/** A JSON object body of at most `max` bytes: 400 for anything else (null, arrays, numbers, bad JSON), 413 when too large. */
export async function readSmallJsonObject(req: Request, locale: Locale, max = SMALL_BODY_BYTES): Promise<Record<string, unknown>> {
  const text = await readLimitedText(req, locale, max);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(locale, 'request.badJson');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(locale, 'request.bodyObject');
  return body as Record<string, unknown>;
}

/** An own string property of a parsed body, or undefined. */
export function ownString(body: Record<string, unknown>, key: string): string | undefined {
  const v = Object.hasOwn(body, key) ? body[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}
