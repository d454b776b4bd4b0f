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
  | 'INTERNAL';

export interface ErrorDetail {
  /** API name of the field at fault, when there is one. */
  field?: string;
  /** JSON pointer into the request (or metadata file) at fault, when more precise than a field. */
  pointer?: string;
  /** Metadata file at fault (metadata validation only). */
  file?: string;
  code: string;
  message: string;
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
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }

  toJSON() {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}
