/** The app's tRPC router. */
import { accountRouter } from './account';
import { actionsRouter } from './actions';
import { approvalsRouter } from './approvals';
import { dashboardsRouter } from './dashboards';
import { subscriptionsRouter } from './subscriptions';
import { adminRouter } from './admin';
import { processRouter } from './process';
import { principalsRouter } from './principals';
import { designerRouter } from './designer';
import { router } from './init';
import { metaRouter } from './meta';
import { navRouter } from './nav';
import { recordsRouter } from './records';
import { reportsRouter } from './reports';
import { queuesRouter } from './queues';
import { webformsRouter } from './webforms';
import { conversionRouter } from './conversion';

export const appRouter = router({
  meta: metaRouter,
  records: recordsRouter,
  admin: adminRouter,
  account: accountRouter,
  designer: designerRouter,
  process: processRouter,
  approvals: approvalsRouter,
  actions: actionsRouter,
  nav: navRouter,
  reports: reportsRouter,
  dashboards: dashboardsRouter,
  subscriptions: subscriptionsRouter,
  principals: principalsRouter,
  queues: queuesRouter,
  webforms: webformsRouter,
  conversion: conversionRouter,
});
export type AppRouter = typeof appRouter;
