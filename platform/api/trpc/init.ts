/** tRPC setup: context from the session cookie; AppErrors travel to the client in the shared shape. */
import { initTRPC, TRPCError } from '@trpc/server';
import { AppError, isAppError } from '../../core/errors';
import { t as translate, type Locale } from '../../core/i18n';
import { resolveLocale } from '../../core/locale';
import type { RecordContext } from '../../data/context';
import type { SystemRight } from '../../security/model';
import type { Principal } from '../../security/principal';
import { cookieValue, principalFromRequest } from '../authenticate';
import { recordContext } from '../context';
import { errorBody, toAppError } from '../errors';

export const LOCALE_COOKIE = 'tessera_locale';

export interface TrpcContext {
  principal: Principal | null;
  locale: Locale;
}

export async function createTrpcContext(req: Request): Promise<TrpcContext> {
  const cookieLocale = cookieValue(req.headers.get('cookie'), LOCALE_COOKIE);
  let principal: Principal | null = null;
  try {
    principal = await principalFromRequest(req);
  } catch {
    principal = null;
  }
  const locale = resolveLocale({ signedIn: principal !== null, stored: principal?.locale, cookie: cookieLocale, acceptLanguage: req.headers.get('accept-language') });
  return { principal, locale };
}

const CODE_MAP: Record<string, TRPCError['code']> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  423: 'CONFLICT',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  413: 'PAYLOAD_TOO_LARGE',
  405: 'METHOD_NOT_SUPPORTED',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  503: 'SERVICE_UNAVAILABLE',
  500: 'INTERNAL_SERVER_ERROR',
};

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error, ctx }) {
    const app = isAppError(error.cause) ? toAppError(error.cause, ctx?.locale ?? 'en') : null;
    return { ...shape, message: app?.message ?? shape.message, data: { ...shape.data, appError: app ? errorBody(app).error : null } };
  },
});

export const router = t.router;

/** Procedures for signed-in users: the record context is ready, and every error becomes an AppError. */
export const protectedProcedure = t.procedure.use(async ({ ctx, next }) => {
  if (!ctx.principal) {
    const err = new AppError('UNAUTHENTICATED', translate(ctx.locale, 'auth.required'));
    throw new TRPCError({ code: 'UNAUTHORIZED', message: err.message, cause: err });
  }
  const rc: RecordContext = await recordContext(ctx.principal, ctx.locale);
  const result = await next({ ctx: { ...ctx, principal: ctx.principal, rc } });
  if (!result.ok) {
    const cause = result.error.cause;
    if (!isAppError(cause) && result.error.code === 'BAD_REQUEST') return result; // input parsing errors from zod
    const app = toAppError(isAppError(cause) ? cause : (cause ?? result.error), ctx.locale);
    throw new TRPCError({ code: CODE_MAP[app.status] ?? 'INTERNAL_SERVER_ERROR', message: app.message, cause: app });
  }
  return result;
});

/** Procedures that need a system right (manage users, transfer records, view audit...). */
export function rightProcedure(right: SystemRight) {
  return protectedProcedure.use(async ({ ctx, next }) => {
    if (!ctx.rc.security.perms.system[right]) {
      const err = new AppError('FORBIDDEN', translate(ctx.locale, 'auth.forbidden'), [{ code: `right.${right}`, message: translate(ctx.locale, 'auth.forbidden') }]);
      throw new TRPCError({ code: 'FORBIDDEN', message: err.message, cause: err });
    }
    return next();
  });
}
