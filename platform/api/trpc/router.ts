/** The app's tRPC router. */
import { accountRouter } from './account';
import { adminRouter } from './admin';
import { designerRouter } from './designer';
import { router } from './init';
import { metaRouter } from './meta';
import { recordsRouter } from './records';

export const appRouter = router({ meta: metaRouter, records: recordsRouter, admin: adminRouter, account: accountRouter, designer: designerRouter });
export type AppRouter = typeof appRouter;
