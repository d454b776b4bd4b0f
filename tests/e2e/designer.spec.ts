// The designer: an admin adds a field and places it on the layout, a rep uses it at once; a type
// change that could lose data is refused with the server's reason; a revert undoes a change.
// Demo users used here: admin (changes metadata), zhou.jie (sets a field on two of their accounts).
import { expect, test, type Page } from '@playwright/test';
import { choose, signIn } from './helpers';

// Long scenarios (two users, several screens): more than the default minute on a busy machine.
test.describe.configure({ timeout: 150_000 });

const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

/** Open the rep's account in list row `index`, set Customer grade, save; returns the account's name. */
async function setGrade(page: Page, index: number, grade: string): Promise<string> {
  await page.goto('/o/account');
  const link = rows(page).nth(index).getByRole('link').first();
  const name = (await link.innerText()).trim();
  await link.click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Edit · ${name}`, level: 1 })).toBeVisible();
  await choose(page, 'Customer grade', grade);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
  return name;
}

test('an admin adds a picklist field and places it on the layout; a rep sets it on an account and filters the list by it', async ({ page, browser }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Object manager' }).click();
  await expect(page.getByRole('heading', { name: 'Object manager', level: 1 })).toBeVisible();
  const accountRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'account', exact: true }) });
  await expect(accountRow).toContainText('Stock');
  await accountRow.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { name: 'Object manager · Account', level: 1 })).toBeVisible();

  // The field: labels (the API name follows the English label), type, values A, B, C.
  await page.getByRole('button', { name: 'New field' }).click();
  const drawer = page.getByRole('dialog', { name: 'New field' });
  await drawer.getByLabel('Label', { exact: true }).fill('Customer grade');
  await drawer.getByLabel('Chinese label', { exact: true }).fill('客户等级');
  await expect(drawer.getByLabel('API name')).toHaveValue('customer_grade');
  await choose(page, /^Type$/, 'Picklist', { search: true });
  for (const [i, value] of ['A', 'C', 'B'].entries()) {
    await drawer.getByRole('button', { name: 'Add value' }).click();
    await drawer.getByLabel(`Value ${i + 1}`, { exact: true }).fill(value);
    await drawer.getByLabel(`Label ${i + 1}`, { exact: true }).fill(value);
  }
  await drawer.getByRole('button', { name: 'Move up: B' }).click();
  await expect(drawer.getByLabel('Value 2', { exact: true })).toHaveValue('B');
  await expect(drawer.getByLabel('Value 3', { exact: true })).toHaveValue('C');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();
  const fieldRow = page.getByRole('row').filter({ hasText: 'customer_grade' });
  await expect(fieldRow).toContainText('Customer grade');
  await expect(fieldRow).toContainText('Picklist');
  await expect(fieldRow).toContainText('Workspace');

  // The layout: add it to the first section, move it up one place with the keyboard-accessible button, save.
  await page.getByRole('tab', { name: 'Layout' }).click();
  const section = page.getByRole('group', { name: 'Section: Account information' });
  await choose(page, 'Add field to Account information', 'Customer grade', { confirm: false });
  const placed = section.getByRole('list', { name: 'Fields in Account information' }).getByRole('listitem');
  await expect(placed.last()).toContainText('Customer grade');
  await section.getByRole('button', { name: 'Move up: Customer grade' }).click();
  await expect(placed.nth(-2)).toContainText('Customer grade');
  await page.getByRole('button', { name: 'Save layout' }).click();
  await expect(page.getByText('Layout saved')).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);

  // A rep sets grade B on one of their accounts and sees it on the record; another gets C.
  const rep = await browser.newPage();
  await signIn(rep, 'zhou.jie@tessera.demo');
  const graded = await setGrade(rep, 0, 'B');
  await expect(rep.getByRole('region', { name: 'Details' }).getByText('Customer grade')).toBeVisible();
  await expect(rep.getByRole('region', { name: 'Details' }).getByText('B', { exact: true })).toBeVisible();
  const other = await setGrade(rep, 1, 'C');
  expect(other).not.toBe(graded);

  // The list, filtered by Customer grade = B: that account, and only it.
  await rep.goto('/o/account');
  await expect(rows(rep).first()).toBeVisible();
  await rep.getByRole('button', { name: 'Filter' }).click();
  await rep.getByRole('button', { name: 'Add condition' }).click();
  await choose(rep, 'Field 1', 'Customer grade', { search: true });
  await choose(rep, 'Operator 1', 'equals');
  await choose(rep, 'Value 1', 'B');
  await rep.getByRole('button', { name: 'Apply' }).click();
  await expect(rep.getByText('1 filter(s) applied')).toBeVisible();
  await expect.poll(async () => (await rows(rep).allInnerTexts()).length).toBe(1);
  await expect(rows(rep).first().getByRole('link').first()).toHaveText(graded);

  // Saved as the rep's own view, the list keeps showing just that account; then the view is deleted.
  await rep.getByRole('button', { name: 'Save as my view' }).click();
  const save = rep.getByRole('dialog', { name: 'Save as my view' });
  await save.getByLabel('View name', { exact: true }).fill('Grade B');
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(save).toBeHidden();
  await expect(rep.locator('.ant-select').filter({ has: rep.getByLabel('List view') })).toContainText('Grade B (my view)');
  await expect(rep.getByText('1 filter(s) applied')).toHaveCount(0);
  await expect.poll(async () => (await rows(rep).allInnerTexts()).length).toBe(1);
  await expect(rows(rep).first().getByRole('link').first()).toHaveText(graded);
  await rep.getByRole('button', { name: 'Delete my view' }).click();
  await rep.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
  await expect(rep.locator('.ant-select').filter({ has: rep.getByLabel('List view') })).not.toContainText('Grade B');
  await rep.close();
});

test("a type change that could lose data is refused with the server's reason; reverting a revision removes a list view", async ({ page }) => {
  await signIn(page);
  await page.goto('/admin/designer/account');
  await expect(page.getByRole('heading', { name: 'Object manager · Account', level: 1 })).toBeVisible();

  // Only safe conversions are offered; asking for every type, Integer is refused by the server, by the Type field.
  await page.getByRole('button', { name: 'Edit: Customer grade' }).click();
  const drawer = page.getByRole('dialog', { name: 'Edit field' });
  await expect(drawer.getByLabel('API name')).toBeDisabled();
  await expect(drawer.getByLabel('Value 2', { exact: true })).toHaveValue('B');
  await drawer.getByLabel(/^Type$/).click();
  const typeList = page.locator(`.ant-select-dropdown:has([id="${await drawer.getByLabel(/^Type$/).getAttribute('aria-controls')}"])`);
  await expect(typeList.getByTitle('Multi-select picklist', { exact: true })).toBeVisible();
  await expect(typeList.getByTitle('Integer', { exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await drawer.getByLabel('Offer every type').check();
  await choose(page, /^Type$/, 'Integer', { search: true });
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer.getByText(/cannot change from Picklist to Integer: existing values could be lost or changed/)).toBeVisible();
  await expect(drawer).toBeVisible();
  await drawer.getByRole('button', { name: 'Cancel' }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: 'customer_grade' })).toContainText('Picklist');

  // A shared list view with a filter built with the condition builder.
  await page.getByRole('tab', { name: 'List views' }).click();
  await page.getByRole('button', { name: 'New list view' }).click();
  const view = page.getByRole('dialog', { name: 'New list view' });
  await view.getByLabel('Label', { exact: true }).fill('Grade A accounts');
  await view.getByLabel('API name').fill('grade_a');
  await choose(page, 'Columns', 'Customer grade', { search: true });
  await page.keyboard.press('Escape');
  await view.getByRole('button', { name: 'Add condition' }).click();
  await choose(page, 'Field 1', 'Customer grade', { search: true });
  await choose(page, 'Operator 1', 'equals');
  await choose(page, 'Value 1', 'A');
  await view.getByRole('button', { name: 'Apply' }).click();
  await expect(view.getByText('Records where Customer grade equals A')).toBeVisible();
  await view.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(view).toBeHidden();
  const viewRow = page.getByRole('row').filter({ hasText: 'grade_a' });
  await expect(viewRow).toContainText('Grade A accounts');
  await expect(viewRow).toContainText('Customer grade equals A');

  // The history shows the change; reverting to the revision before it removes the view.
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Metadata history' }).click();
  await expect(page.getByRole('heading', { name: 'Metadata history', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Conflicts', level: 2 })).toBeVisible();
  const saved = page.getByRole('row').filter({ hasText: 'Saved list view account.grade_a' });
  await expect(saved).toContainText('view:account.grade_a');
  await expect(saved).toContainText('Added');
  await expect(saved).toContainText('Current');
  const number = Number((await saved.getByRole('cell').first().innerText()).trim());
  const before = page.getByRole('row').filter({ has: page.getByRole('cell', { name: String(number - 1), exact: true }) });
  await before.getByRole('button', { name: 'Revert to this revision' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Revert' }).click();
  const revert = page.getByRole('row').filter({ hasText: `Reverted to revision ${number - 1}` });
  await expect(revert).toContainText('Removed');
  await expect(revert).toContainText('view:account.grade_a');

  await page.goto('/admin/designer/account');
  await page.getByRole('tab', { name: 'List views' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'All accounts' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'grade_a' })).toHaveCount(0);
  // The field itself is untouched by the revert.
  await page.getByRole('tab', { name: 'Fields' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'customer_grade' })).toContainText('Picklist');
});
