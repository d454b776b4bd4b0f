import { expect, test } from '@playwright/test';
import { choose, signIn, menuLink } from './helpers';

test('an admin creates an account through the generated form, fixes a bad email, finds it, opens and edits it', async ({ page }) => {
  await signIn(page);
  await menuLink(page, 'Accounts').click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New Account' }).click();
  await expect(page.getByRole('heading', { name: 'New Account', level: 1 })).toBeVisible();

  const name = `Suzhou Lakeside Robotics ${Date.now()}`;
  await page.getByLabel('Account name').fill(name);
  await choose(page, 'Industry', 'Manufacturing');
  await choose(page, 'Region', 'East China');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Save' }).click();

  // The server's message is shown by the Email field (and announced with it), and nothing was saved.
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription(/Email must be a valid email address/);
  await expect(page.getByText('Email must be a valid email address')).toBeVisible();
  await expect(page).toHaveURL(/\/o\/account\/new$/);

  await page.getByLabel('Email').fill('info@lakeside-robotics.cn');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Details' }).getByText('info@lakeside-robotics.cn')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Details' }).getByText('East China')).toBeVisible();

  // It appears in the list (searching by name) and opens from there.
  await menuLink(page, 'Accounts').click();
  await page.getByRole('searchbox', { name: 'Search Accounts' }).fill('Lakeside');
  await page.getByRole('searchbox', { name: 'Search Accounts' }).press('Enter');
  await page.getByRole('main').getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();

  // Edit: change the level and phone.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Edit · ${name}`, level: 1 })).toBeVisible();
  await choose(page, 'Level', 'A (key account)');
  await page.getByLabel('Phone').fill('0512-6288 1234');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByText('A (key account)')).toBeVisible();
  await expect(details.getByText('0512-6288 1234')).toBeVisible();
});
