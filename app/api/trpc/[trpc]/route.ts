import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createTrpcContext } from '@/platform/api/trpc/init';
import { appRouter } from '@/platform/api/trpc/router';

const handler = (req: Request) =>
  fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext: () => createTrpcContext(req) });

export { handler as GET, handler as POST };
