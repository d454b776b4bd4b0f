// Demo users these tests change (they must not be used by other specs): the transfer moves
// luo.lin's records to liang.chao, he.min changes password, lin.tao gets an API key.
import { expect, test, type Page } from '@playwright/test';
import { choose, DEMO_PASSWORD, signIn, menuLink } from './helpers';

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function total(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).innerText());
}

test('an admin creates a user with a role, a department and the Sales Rep set, and the new user signs in', async ({ page }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Permission sets' })).toBeVisible();

  await page.getByRole('button', { name: 'New user' }).click();
  const drawer = page.getByRole('dialog', { name: 'New user' });
  const email = `qian.duoduo.${Date.now()}@tessera.demo`;
  await drawer.getByLabel('Email').fill('not-an-email');
  await drawer.getByLabel('Name', { exact: true }).fill('钱多多');
  await drawer.getByLabel('Job title').fill('Sales rep, Shanghai');
  await choose(page, /^Role$/, 'Sales rep, Shanghai', { search: true });
  await choose(page, /^Department$/, 'Shanghai sales', { search: true });
  await choose(page, /^Manager$/, '刘洋 (manager.shanghai@tessera.demo)', { search: true });
  await choose(page, /^Permission sets$/, 'Sales Rep');
  await page.keyboard.press('Escape');
  await drawer.getByLabel('Initial password').fill('Welcome#2026');
  await drawer.getByRole('button', { name: 'Save' }).click();
  // The server's message shows by the field it names.
  await expect(drawer.getByText('Email must be a valid email address')).toBeVisible();

  await drawer.getByLabel('Email').fill(email);
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('钱多多');
  await expect(row).toContainText('Sales rep, Shanghai');
  await expect(row).toContainText('Shanghai sales');
  await expect(row).toContainText('刘洋');
  await expect(row).toContainText('Sales Rep');

  await signOut(page);
  await signIn(page, email, 'Welcome#2026');
  await expect(menuLink(page, 'Accounts')).toBeVisible();
  // A sales rep has no administration pages.
  await expect(page.getByRole('navigation', { name: 'Administration' })).toHaveCount(0);
});

test('a department with people in it cannot be deleted; an empty one can', async ({ page }) => {
  await signIn(page);
  await page.goto('/admin/departments');
  await expect(page.getByRole('heading', { name: 'Departments', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Delete: Shanghai sales' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(/Still in use: \d+ user\(s\)/);

  await page.getByRole('button', { name: 'Add child: Shanghai sales' }).click();
  const dialog = page.getByRole('dialog', { name: 'New department' });
  await dialog.getByLabel('API name').fill('sales_pudong');
  await dialog.getByLabel('Label', { exact: true }).fill('Pudong sales');
  await dialog.getByLabel('Chinese label').fill('浦东销售部');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: 'Pudong sales' });
  await expect(row).toContainText('sales_pudong');
  await row.getByRole('button', { name: 'Delete: Pudong sales' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Pudong sales' })).toHaveCount(0);
});

test('an admin transfers every record of a departing rep to another rep and watches it finish', async ({ page }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Transfer records' }).click();
  await expect(page.getByRole('heading', { name: 'Transfer records', level: 1 })).toBeVisible();

  // What the successor owns before.
  await choose(page, 'Departing user', '梁超 (liang.chao@tessera.demo)', { search: true });
  await expect(page.getByTestId('preview-total-live')).toBeVisible();
  const successorBefore = await total(page, 'preview-total-live');

  await choose(page, 'Departing user', '罗琳 (luo.lin@tessera.demo)', { search: true });
  await expect(page.getByRole('heading', { name: 'Records owned by 罗琳' })).toBeVisible();
  await expect.poll(() => total(page, 'preview-total-live')).toBeGreaterThan(0);
  const live = await total(page, 'preview-total-live');
  const deleted = await total(page, 'preview-total-deleted');
  await expect(page.getByRole('row', { name: /^Accounts \d+ \d+$/ })).toBeVisible();

  await choose(page, 'Successor', '梁超 (liang.chao@tessera.demo)', { search: true });
  await page.getByRole('button', { name: 'Start transfer' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Start transfer' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByText(`${live + deleted} of ${live + deleted} records moved`)).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText('Done', { exact: true })).toBeVisible();
  await expect(page.getByTestId('moved-total-live')).toHaveText(String(live + deleted));
  // The departing rep owns nothing now; the successor owns it all.
  await expect(page.getByTestId('preview-total-live')).toHaveText('0');
  await expect(page.getByTestId('preview-total-deleted')).toHaveText('0');

  await page.getByRole('button', { name: 'Start another transfer' }).click();
  await choose(page, 'Departing user', '梁超 (liang.chao@tessera.demo)', { search: true });
  await expect(page.getByTestId('preview-total-live')).toHaveText(String(successorBefore + live));
});

test('a user changes their password (a wrong current one is refused by the field) and signs in with the new one', async ({ page }) => {
  await signIn(page, 'he.min@tessera.demo');
  await page.getByRole('link', { name: '何敏', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My account', level: 1 })).toBeVisible();
  await expect(page.getByText('Beijing sales')).toBeVisible();

  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password', { exact: true }).fill('Beijing#2027');
  await page.getByLabel('Confirm new password').fill('Beijing#2027');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The current password is wrong')).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveAccessibleDescription(/The current password is wrong/);

  await page.getByLabel('Current password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();

  await signOut(page);
  await page.getByLabel('Email').fill('he.min@tessera.demo');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Wrong email or password');
  await signIn(page, 'he.min@tessera.demo', 'Beijing#2027');
});

test('a user creates an API key, sees it once, uses it, and revokes it', async ({ page, request }) => {
  await signIn(page, 'lin.tao@tessera.demo');
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'API keys', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Create key' }).click();
  const create = page.getByRole('dialog', { name: 'Create key' });
  await create.getByLabel('Key name').fill('Warehouse sync');
  await create.getByRole('button', { name: 'Create key' }).click();

  const shown = page.getByRole('dialog', { name: 'Your new API key' });
  await expect(shown.getByText('it will not be shown again')).toBeVisible();
  const key = await shown.getByLabel('API key').inputValue();
  expect(key).toMatch(/^tsk_/);
  const ok = await request.get('/api/v1/objects', { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);

  await shown.getByRole('button', { name: 'I have copied it' }).click();
  await expect(shown).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: 'Warehouse sync' });
  await expect(row).toContainText(`${key.slice(0, 10)}…`);
  await expect(page.getByText(key)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: 'Warehouse sync' })).toBeVisible();
  expect(await page.content()).not.toContain(key);

  await page.getByRole('button', { name: 'Revoke: Warehouse sync' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('button', { name: 'Revoke: Warehouse sync' })).toHaveCount(0);
  const refused = await request.get('/api/v1/objects', { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});
