/**
 * Issue 14, the report screens: the admin builds "won amount by rep by month" in the builder
 * (summary, owner dragged into the groupings, close date by month, sum of amount, stage won, a bar
 * chart), sees the chart, saves it, opens it again from /reports, clicks a bar and lands on the list
 * of exactly the records behind it; the pages pass axe, fit a phone, and read in Chinese.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './axe';
import { choose, inChineseBrowser, signIn } from './helpers';

const SHOTS = '/tmp/shots/rui';
const LABEL = 'Won amount by rep by month (mine)';
const NAME = 'my_won_amount_by_rep_by_month';

/** Drag with the mouse as a user does (dnd-kit starts a drag after a few pixels of movement). */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 8, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** The centre of the tallest bar of the chart (the SVG renderer draws each bar as a path). */
async function tallestBar(chart: Locator) {
  return chart.evaluate((root) => {
    const bars = [...root.querySelectorAll('path')]
      .map((p) => ({ p, r: p.getBoundingClientRect(), fill: p.getAttribute('fill') }))
      .filter((b) => b.fill && b.fill !== 'none' && b.fill !== 'transparent' && b.r.width > 2 && b.r.width < 200 && b.r.height > 4);
    bars.sort((x, y) => y.r.height - x.r.height);
    const r = bars[0].r;
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
}

/** "CN¥1,234,567.00" or "¥1,234,567.00" as a number. */
const amountOf = (text: string) => Number((/[\d,]+(\.\d+)?/.exec(text.replace(/\s/g, ''))?.[0] ?? 'NaN').replace(/,/g, ''));

test('the admin builds won amount by rep by month, saves it, reopens it and drills into a bar', async ({ page }) => {
  // Long: a full build-save-reopen-drill journey on a shared 2-core machine.
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  // The server's first answers compile and warm its caches; sign in once it answers.
  await page.goto('/o/opportunity', { timeout: 60_000 });
  await signIn(page);

  await page.goto('/reports');
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Won amount by rep by month', exact: true })).toBeVisible();
  await expectNoSeriousAxeViolations(page, '/reports');
  await page.getByRole('button', { name: 'New report' }).click();
  await expect(page).toHaveURL(/\/reports\/new/);
  await choose(page, 'Choose the object to report on', 'Opportunity', { search: true, confirm: false });

  // Owner dragged into "Group rows by"; close date by its button (grouped by month on its own).
  await page.getByLabel('Search fields').fill('owner');
  await drag(page, page.getByRole('button', { name: 'Owner', exact: true }), page.locator('[data-zone="groupings"]'));
  const groupings = page.getByRole('region', { name: 'Group rows by' });
  await expect(groupings.getByRole('button', { name: 'Owner', exact: true })).toBeVisible();
  await page.getByLabel('Search fields').fill('close');
  await page.getByRole('button', { name: 'Group by Close date', exact: true }).click();
  await expect(groupings.getByRole('button', { name: 'Close date', exact: true })).toBeVisible();
  await expect(page.locator('.ant-select').filter({ has: page.getByLabel('Bucket of Close date') })).toContainText('Month');

  // Sum of amount first (the chart's measure), then a count.
  await choose(page, 'Function of aggregate 1', 'Sum');
  await choose(page, 'Field of aggregate 1', 'Amount', { search: true });
  await page.getByRole('button', { name: 'Add aggregate' }).click();
  await choose(page, 'Function of aggregate 2', 'Count');
  // Top 3 reps by won amount, the biggest first.
  await choose(page, 'Order of Owner', 'Largest figure first');
  await page.getByLabel('Show only the top groups of Owner').fill('3');

  // Stage is Closed won.
  await page.getByRole('button', { name: 'Add condition' }).click();
  await choose(page, 'Field 1', 'Stage', { search: true });
  await choose(page, 'Value 1', 'Closed won');
  // The builder has no Apply button: the condition counts as soon as it is chosen.
  await expect(page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: 'Apply' })).toHaveCount(0);

  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('img', { name: /^Bar chart: Sum of Amount by Owner\./ })).toBeVisible();
  await expect(preview.getByRole('columnheader', { name: 'Owner / Close date' })).toBeVisible();
  await expect(preview.getByText(/^Owner: showing the top 3 of \d+ groups\.$/)).toBeVisible();
  const topRows = preview.locator('.ant-table-row-level-0');
  await expect(topRows).toHaveCount(3);
  const sums = (await topRows.evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[1].textContent ?? ''))).map(amountOf);
  expect(sums).toEqual([...sums].sort((a, b) => b - a));
  // The Save button is announced as "Save" (its icon is decoration), not "save Save".
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await page.mouse.move(0, 0); // hovering no button (a hovered primary button fails axe's contrast)
  await page.waitForTimeout(800); // the chart's entry animation
  await page.screenshot({ path: `${SHOTS}/builder-1280-en.png`, fullPage: true });
  await expectNoSeriousAxeViolations(page, '/reports/new');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save report' });
  await dialog.getByLabel('Label (English)').fill(LABEL);
  await dialog.getByLabel('Label (Chinese)').fill('我的各销售每月赢单金额');
  await dialog.getByLabel('API name').fill(NAME);
  await dialog.getByLabel('Folder').fill('My reports');
  await dialog.getByRole('button', { name: 'Save' }).click();
  // Saving writes a metadata revision: a few seconds on a busy machine.
  await expect(page).toHaveURL(new RegExp(`/reports/${NAME}$`), { timeout: 30_000 });

  // Opened again from the list, in its folder.
  await page.goto('/reports');
  const folder = page.getByRole('region', { name: 'My reports' });
  await folder.getByRole('link', { name: LABEL }).click();
  await expect(page.getByRole('heading', { name: LABEL, level: 1 })).toBeVisible();
  const chart = page.getByRole('img', { name: /^Bar chart: Sum of Amount by Owner\./ });
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('report-count')).toContainText(/\d+ records/);
  await page.waitForTimeout(800); // the chart's entry animation
  await page.screenshot({ path: `${SHOTS}/report-1280-en.png`, fullPage: true });
  await expectNoSeriousAxeViolations(page, `/reports/${NAME}`);

  // The tallest bar: its tooltip says its figure; a click opens exactly its records.
  const bar = await tallestBar(chart);
  await page.mouse.move(bar.x, bar.y);
  const tooltip = page.locator('[data-testid="report-chart"] div').filter({ hasText: /¥/ }).last();
  await expect(tooltip).toBeVisible();
  const figure = amountOf((await tooltip.innerText()).split('\n').pop()!);
  expect(figure).toBeGreaterThan(0);
  await page.mouse.click(bar.x, bar.y);
  await expect(page).toHaveURL(/\/o\/opportunity\?filter=/);
  const filter = JSON.parse(new URL(page.url()).searchParams.get('filter')!);
  expect(filter.all.map((c: { field: string }) => c.field)).toEqual(['stage', 'owner', 'close_date']);
  await expect(page.getByText('The address of this list is not valid')).toHaveCount(0);
  const totals = page.getByTestId('list-totals');
  await expect(totals).toContainText('Total Amount');
  expect(amountOf((await totals.innerText()).split('Total Amount:')[1])).toBe(figure);
  const count = Number(/(\d+) records/.exec(await totals.innerText())![1]);
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(count);
  await page.screenshot({ path: `${SHOTS}/drill-list-1280-en.png`, fullPage: true });

  // A phone: the page does not scroll sideways; the report's chart and tables fit.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/reports/${NAME}`);
  await expect(page.getByRole('img', { name: /^Bar chart/ })).toBeVisible();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${SHOTS}/report-390-en.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The same report in Chinese.
  const zh = await inChineseBrowser(page, { width: 1280, height: 900 });
  // The admin's stored choice (another spec may have chosen English) outranks the browser's language: choose Chinese.
  expect((await zh.request.post('/api/locale', { data: { locale: 'zh-CN' } })).status()).toBe(200);
  await zh.goto(`/reports/${NAME}`);
  await expect(zh.getByRole('heading', { name: '我的各销售每月赢单金额', level: 1 })).toBeVisible();
  await expect(zh.getByRole('img', { name: /^柱状图：按负责人统计的/ })).toBeVisible();
  await expect(zh.getByTestId('report-count')).toContainText(/共 \d+ 条记录/);
  await expect(zh.getByRole('button', { name: '导出' })).toBeVisible();
  await zh.waitForTimeout(800);
  await zh.screenshot({ path: `${SHOTS}/report-1280-zh.png`, fullPage: true });
  await zh.setViewportSize({ width: 390, height: 844 });
  await zh.waitForTimeout(500);
  await zh.screenshot({ path: `${SHOTS}/report-390-zh.png`, fullPage: true });
  await zh.goto('/reports');
  await expect(zh.getByRole('heading', { name: '报表', level: 1 })).toBeVisible();
  await zh.screenshot({ path: `${SHOTS}/reports-390-zh.png`, fullPage: true });
  expect((await zh.request.post('/api/locale', { data: { locale: 'en' } })).status()).toBe(200);
  await zh.context().close();
});

test('a matrix with two column groupings shows first-level subtotals, in English and Chinese, on a desk and a phone', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/o/opportunity', { timeout: 60_000 });
  await signIn(page);
  await page.goto('/reports/new?object=opportunity');
  await page.locator('.ant-segmented').getByText('Matrix', { exact: true }).click();
  await page.getByLabel('Search fields').fill('owner');
  await page.getByRole('button', { name: 'Group by Owner', exact: true }).click();
  await page.getByLabel('Search fields').fill('stage');
  await page.getByRole('button', { name: 'Group columns by Stage', exact: true }).click();
  await page.getByLabel('Search fields').fill('close');
  await page.getByRole('button', { name: 'Group columns by Close date', exact: true }).click();
  await choose(page, 'Bucket of Close date', 'Year');
  await page.getByLabel('Search fields').fill('');
  const preview = page.getByRole('region', { name: 'Preview' });
  // Each stage spans its years and ends with its own subtotal column.
  await expect(preview.getByRole('columnheader', { name: 'Closed won total' })).toBeVisible();
  await expect(preview.getByRole('columnheader', { name: 'Closed won', exact: true })).toHaveAttribute('colspan', /\d+/);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/matrix-builder-1280-en.png`, fullPage: true });
  await expectNoSeriousAxeViolations(page, '/reports/new (matrix)');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/matrix-builder-390-en.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save report' });
  await dialog.getByLabel('Label (English)').fill('Opportunities by rep, stage and year');
  await dialog.getByLabel('Label (Chinese)').fill('各销售按阶段和年份的商机');
  await dialog.getByLabel('API name').fill('my_matrix_by_rep_stage_year');
  await dialog.getByRole('button', { name: 'Save' }).click();
  // Saving writes a metadata revision: slow on a busy machine.
  await expect(page).toHaveURL(/\/reports\/my_matrix_by_rep_stage_year$/, { timeout: 90_000 });
  await expect(page.getByRole('columnheader', { name: 'Closed won total' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/matrix-1280-en.png`, fullPage: true });

  const zh = await inChineseBrowser(page, { width: 1280, height: 900 });
  expect((await zh.request.post('/api/locale', { data: { locale: 'zh-CN' } })).status()).toBe(200);
  await zh.goto('/reports/my_matrix_by_rep_stage_year');
  await expect(zh.getByRole('columnheader', { name: '赢单小计' })).toBeVisible();
  await zh.screenshot({ path: `${SHOTS}/matrix-1280-zh.png`, fullPage: true });
  await zh.setViewportSize({ width: 390, height: 844 });
  await zh.waitForTimeout(300);
  await zh.screenshot({ path: `${SHOTS}/matrix-390-zh.png`, fullPage: true });
  await zh.goto('/reports/my_matrix_by_rep_stage_year/edit');
  await expect(zh.getByRole('button', { name: '保存', exact: true })).toBeVisible();
  await expect(zh.getByRole('columnheader', { name: '赢单小计' })).toBeVisible();
  await zh.screenshot({ path: `${SHOTS}/matrix-builder-390-zh.png`, fullPage: true });
  await zh.setViewportSize({ width: 1280, height: 900 });
  await zh.waitForTimeout(300);
  await zh.screenshot({ path: `${SHOTS}/matrix-builder-1280-zh.png`, fullPage: true });
  expect((await zh.request.post('/api/locale', { data: { locale: 'en' } })).status()).toBe(200);
  await zh.context().close();
});
