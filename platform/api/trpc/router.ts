/** The app's tRPC router. */
import { accountRouter } from './account';
import { adminRouter } from './admin';
import { router } from './init';
import { metaRouter } from './meta';
import { recordsRouter } from './records';

export const appRouter = router({ meta: metaRouter, records: recordsRouter, admin: adminRouter, account: accountRouter });
export type AppRouter = typeof appRouter;
