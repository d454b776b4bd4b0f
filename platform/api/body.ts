/**
 * Request bodies, read with a hard size limit while streaming: a client that sends a huge or
 * endless body is cut off at the limit instead of being buffered whole. REST reads up to 1 MB
 * (rest/handler.ts); the browser-only endpoints (sign-in, language) 16 KB, and read only named
 * string fields from the result (never copied or spread), so `__proto__` cannot reach a prototype.
 */
import { AppError } from '../core/errors';
import { t, type Locale } from '../core/i18n';

/** 16 KB: a sign-in needs a few hundred bytes. */
const SMALL_BODY_BYTES = 16 * 1024;

function tooLarge(locale: Locale, max: number): AppError {
  // The REST limit reads "1 MB"; the small browser endpoints' limits in KB.
  const message = max === 1024 * 1024 ? t(locale, 'request.tooLarge') : t(locale, 'request.tooLargeKb', { max: Math.floor(max / 1024) });
  return new AppError('PAYLOAD_TOO_LARGE', message, [{ pointer: '/', code: 'request.tooLarge', message }]);
}

function badRequest(locale: Locale, key: 'request.badJson' | 'request.bodyObject'): AppError {
  return new AppError('BAD_REQUEST', t(locale, key), [{ pointer: '/', code: key, message: t(locale, key) }]);
}

/** The body as text, read as a stream and refused (413) as soon as more than `max` bytes arrive (never buffered whole first). */
export async function readLimitedText(req: Request, locale: Locale, max = SMALL_BODY_BYTES): Promise<string> {
  const declared = req.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > max) throw tooLarge(locale, max);
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
    // JSON is UTF-8 (RFC 8259): bytes that are not are refused, not silently replaced.
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
