import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { cookieValue } from '@/platform/api/authenticate';
import { csrfError, csrfProblem, type CsrfProblem } from '@/platform/api/csrf';
import { createTrpcContext, LOCALE_COOKIE } from '@/platform/api/trpc/init';
import { appRouter } from '@/platform/api/trpc/router';
import { resolveLocale } from '@/platform/core/locale';

/** A cross-site mutation riding on the session cookie, as a tRPC error (403, the shared shape in data.appError). */
function crossSiteError(req: Request, problem: CsrfProblem): TRPCError {
  // Refused before the caller is looked up: worded as for a signed-out visitor.
  const locale = resolveLocale({ signedIn: false, cookie: cookieValue(req.headers.get('cookie'), LOCALE_COOKIE), acceptLanguage: req.headers.get('accept-language') });
  const err = csrfError(problem, locale);
  return new TRPCError({ code: 'FORBIDDEN', message: err.message, cause: err });
}

const handler = (req: Request) => {
  const problem = csrfProblem(req);
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    // A refused request's body is never read: tRPC parses an empty JSON stand-in (its own content-type
    // check would otherwise answer first, with 415) and the context refuses it, so every call of a
    // batch gets the same 403 in tRPC's shape.
    req: problem ? new Request(req.url, { method: req.method, headers: { 'content-type': 'application/json' }, body: '{}' }) : req,
    router: appRouter,
    createContext: () => {
      if (problem) throw crossSiteError(req, problem);
      return createTrpcContext(req);
    },
  });
};

export { handler as GET, handler as POST };
