/**
 * The Sales manager dashboard (every component) for the administrator over the million-row
 * workspace (part of `npm run bench`; `BENCH_ONLY=dashboards` runs only this): the first view
 * (cold: nothing cached in the process) and views within the minute after (warm).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { RecordContext } from '../../platform/data/context';
import { runDashboard } from '../../platform/dashboards/run';
import type { ReportComponentView } from '../../platform/dashboards/types';
import { hearing } from '../../platform/reports/versions';

/** Print the cold and warm times of the Sales manager dashboard, and each component's size. */
export async function dashboardBench(ctx: RecordContext): Promise<void> {
  // Results are remembered only while this process hears other servers' writes: wait for the listener.
  for (let i = 0; i < 100 && !hearing(ctx.pool); i++) await new Promise((r) => setTimeout(r, 20));
  const time = async () => {
    const a = performance.now();
    const view = await runDashboard(ctx, 'sales_manager', {});
    return { ms: performance.now() - a, view };
  };
  const cold = await time();
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await time()).ms);
  warm.sort((x, y) => x - y);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  console.log(`\nSales manager dashboard for the administrator, ${cold.view.components.length} components, at most 3 at once (figures in ms, load average ${load})\n`);
  console.log('cold (first view)'.padEnd(40), cold.ms.toFixed(1).padStart(10));
  console.log('warm (within a minute), median of 5'.padEnd(40), warm[2].toFixed(1).padStart(10));
  for (const c of cold.view.components as ReportComponentView[]) {
    const r = c.result;
    const what = c.error
      ? `error ${c.error.code}: ${c.error.message}`
      : r
        ? `${r.rowCount.toLocaleString()} records, ${r.groups.length} groups${r.truncated ? ', truncated' : ''}, computed ${r.computedAt}`
        : '';
    console.log(`  ${c.id.padEnd(12)} ${what}`);
  }
  // Each component alone, one after another: where the time goes.
  console.log('\ncomponent alone (warm)'.padEnd(41), 'ms'.padStart(10));
  for (const c of cold.view.dashboard.components) {
    const a = performance.now();
    await runDashboard(ctx, 'sales_manager', {}, { ...cold.view.dashboard, components: [c] });
    console.log(`  ${c.id}`.padEnd(40), (performance.now() - a).toFixed(1).padStart(10));
  }
}
