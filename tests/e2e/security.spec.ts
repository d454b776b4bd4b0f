import { expect, test, type Page } from '@playwright/test';
import { signIn, menuLink } from './helpers';

/** Every value of a list column, across all pages. */
async function allValues(page: Page, header: string): Promise<string[]> {
  const values: string[] = [];
  for (let guard = 0; guard < 50; guard++) {
    await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).toBeVisible();
    const headers = await page.locator('.ant-table-thead th').allInnerTexts();
    const index = headers.findIndex((h) => h.trim() === header);
    values.push(...(await page.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${index + 1})`).allInnerTexts()));
    const next = page.getByRole('button', { name: 'Next page' });
    if (!(await next.isEnabled())) break;
    const first = await page.locator('.ant-table-tbody tr.ant-table-row').first().innerText();
    await next.click();
    await expect(page.locator('.ant-table-tbody tr.ant-table-row').first()).not.toHaveText(first);
  }
  return values;
}

test("a rep sees only their own accounts; their manager sees the whole team's", async ({ browser }) => {
  const rep = await browser.newPage();
  await signIn(rep, 'zhou.jie@tessera.demo');
  await rep.goto('/o/account');
  const repRows = await allValues(rep, 'Owner');
  expect(new Set(repRows)).toEqual(new Set(['周杰']));

  const manager = await browser.newPage();
  await signIn(manager, 'manager.shanghai@tessera.demo');
  await manager.goto('/o/account');
  const teamOwners = await allValues(manager, 'Owner');
  // The Shanghai team: the manager and his three reps, nobody else.
  expect(new Set(teamOwners)).toEqual(new Set(['刘洋', '周杰', '吴芳', '郑浩'].filter((n) => teamOwners.includes(n))));
  expect(teamOwners).toContain('周杰');
  expect(new Set(teamOwners).size).toBeGreaterThan(1);
  // The manager sees every one of the rep's accounts, no more and no fewer than the rep does.
  expect(teamOwners.filter((o) => o === '周杰').length).toBe(repRows.length);
});

test('a rep has no delete button, and the API refuses the delete', async ({ page }) => {
  await signIn(page, 'zhou.jie@tessera.demo');
  await page.goto('/o/account');
  await page.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('link').first().click();
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  // Nor in the action bar's "More" menu.
  await page.getByRole('button', { name: 'More actions' }).click();
  await expect(page.locator('.ant-dropdown:visible').getByRole('menuitem').first()).toBeVisible();
  await expect(page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: 'Delete' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  const id = page.url().split('/').pop()!;
  const res = await page.request.delete(`/api/v1/records/account/${id}`);
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe('FORBIDDEN');
  // Still there.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
});

test("a manager may delete a team member's account; a record of another team is not even found", async ({ page, browser }) => {
  const admin = await browser.newPage();
  await signIn(admin, 'admin@tessera.demo');
  // An account owned by a Beijing rep, outside the Shanghai manager's team.
  const other = await admin.request.get(`/api/v1/records/account?limit=1&filter=${encodeURIComponent(JSON.stringify({ field: 'region', op: 'eq', value: 'north' }))}`);
  const outsider = (await other.json()).records[0];

  await signIn(page, 'manager.shanghai@tessera.demo');
  const res = await page.request.get(`/api/v1/records/account/${outsider.id}`);
  expect(res.status()).toBe(404);
  await page.goto(`/o/account/${outsider.id}`);
  await expect(page.getByText('This record does not exist or was deleted.')).toBeVisible();

  await page.goto('/o/account');
  await page.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('link').first().click();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeVisible();
});

test('pages and API answers carry the security headers, the app runs under its CSP, and cross-site writes are refused', async ({ page }) => {
  // Any CSP violation (a blocked script, style, eval or connection) shows up in the console.
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|evaluate|frame)/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => {
    if (/Content Security Policy|unsafe-eval/i.test(e.message)) violations.push(e.message);
  });

  // The reported open redirect: after sign-in the browser stays on this site.
  const loginPage = await page.goto('/login?next=/%5Cevil.example');
  const headers = loginPage!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  // The demo admin still has the demo password, so the hint is shown.
  await expect(page.getByText('Demo login: admin@tessera.demo / Tessera#2026')).toBeVisible();
  await page.getByLabel('Email').fill('admin@tessera.demo');
  await page.getByLabel('Password').fill('Tessera#2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/(o\/|$)/); // the home dashboard or a list

  // A tRPC mutation from the app itself (a same-origin JSON POST) still works.
  await menuLink(page, 'Accounts').click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New Account' }).click();
  await expect(page.getByRole('heading', { name: 'New Account', level: 1 })).toBeVisible();
  const name = `CSP Check ${Date.now()}`;
  await page.getByLabel('Account name').fill(name);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Edit · ${name}`, level: 1 })).toBeVisible();

  // The API answers carry the headers too; a write naming another origin is refused, with the cookie.
  const api = await page.request.get('/api/v1/objects');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  expect(api.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  const forged = await page.request.post('/api/v1/records/account', { data: { name: 'Forged' }, headers: { origin: 'https://evil.example' } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.details[0].code).toBe('csrf');

  // Sign-out (a same-origin POST with no body) really ends the session.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/o/account');
  await expect(page).toHaveURL(/\/login/);

  expect(violations).toEqual([]);
});
