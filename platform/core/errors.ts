/**
 * Typed errors. Every failure a user or integrator can see is an AppError: a stable code, an HTTP
 * status, a message, and details naming the field or JSON pointer at fault. tRPC and REST both
 * serialise it to the same `{ error: { code, message, details } }` shape.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_FILTER'
  | 'INVALID_SORT'
  | 'INVALID_CURSOR'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RECORD_LOCKED'
  | 'VALIDATION_FAILED'
  | 'METADATA_INVALID'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** A value put into a message: plain, a metadata label in both languages, or a message of its own (a catalog key) worded in the same language. */
export type MessageParam = string | number | { en: string; zh: string } | { key: string; params?: Record<string, MessageParam> };
export type MessageParams = Record<string, MessageParam>;

export interface ErrorDetail {
  /** API name of the field at fault, when there is one. */
  field?: string;
  /** JSON pointer into the request (or metadata file) at fault, when more precise than a field. */
  pointer?: string;
  /** Metadata file at fault (metadata validation only). */
  file?: string;
  code: string;
  /** The plain sentence, without file or pointer: in English until the API words it for the caller. */
  message: string;
  /**
   * Values for the catalog message keyed by `key ?? code`. A detail with params is worded again in
   * the caller's language at the API boundary; one without was worded in it already.
   */
  params?: MessageParams;
  /** The catalog key, when one code has several sentences. */
  key?: string;
}

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_FILTER: 400,
  INVALID_SORT: 400,
  INVALID_CURSOR: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RECORD_LOCKED: 423,
  VALIDATION_FAILED: 422,
  METADATA_INVALID: 422,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];
  /** Seconds the caller should wait before trying again (429, 503): sent as `Retry-After`. */
  readonly retryAfter?: number;
  /** Catalog key and values of the message, so the API can word it in the caller's language. */
  readonly key?: string;
  readonly params?: MessageParams;

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = [], opts: { retryAfter?: number; key?: string; params?: MessageParams } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
    if (opts.retryAfter !== undefined) this.retryAfter = Math.max(1, Math.ceil(opts.retryAfter));
    if (opts.key !== undefined) {
      this.key = opts.key;
      this.params = opts.params ?? {};
    }
  }

  toJSON() {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
