// The designer's sales processes and validation rules: an admin adds a "Contract review" stage after
// Negotiation in the Product sale process and it shows on the kanban and on a record's path, in
// place; an admin writes a validation rule whose formula is malformed, sees the problem and its
// position as they type, fixes it, saves, and the rule refuses a save. Both are removed again at
// the end (other specs move product-sale opportunities along the path and save opportunities).
// Demo user used here: admin (changes metadata, opens opportunities without saving them).
import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { choose, signIn } from './helpers';

test.describe.configure({ timeout: 150_000 });

const STAGE = 'Contract review';
const RULE = 'very_large_amounts';
const RULE_LABEL = 'Very large amounts need approval';
const RULE_MESSAGE = 'Amounts over 100 billion need approval';

/** Put back what a failed run may have left: the stock Product sale process, no extra rule. */
async function cleanUp(browser: Browser) {
  const page = await browser.newPage();
  await signIn(page);
  const doc = (await (await page.request.get('/api/v1/metadata/objects/opportunity')).json()) as {
    processes: { name: string; stages: { value: string }[] }[];
    rules: { name: string }[];
  };
  const sale = doc.processes.find((p) => p.name === 'product_sale');
  if (sale?.stages.some((s) => s.value === 'contract_review')) {
    const { $schema: _s, ...stock } = JSON.parse(fs.readFileSync('metadata/processes/opportunity.product_sale.json', 'utf8')) as Record<string, unknown>;
    expect((await page.request.put('/api/v1/metadata/processes/opportunity/product_sale', { data: stock })).ok()).toBe(true);
  }
  if (doc.rules.some((r) => r.name === RULE)) expect((await page.request.delete(`/api/v1/metadata/rules/opportunity/${RULE}`)).ok()).toBe(true);
  await page.close();
}

test.beforeAll(async ({ browser }) => cleanUp(browser));
test.afterAll(async ({ browser }) => cleanUp(browser));

async function openDesignerTab(page: Page, tab: 'Sales processes' | 'Validation rules') {
  await page.goto('/admin/designer/opportunity');
  await expect(page.getByRole('heading', { name: 'Object manager · Opportunity', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: tab }).click();
}

const rowOf = (page: Page, apiName: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: apiName, exact: true }) });

test('an admin adds a stage to a sales process; it shows in place on the kanban and on the record path', async ({ page }) => {
  await signIn(page);
  await openDesignerTab(page, 'Sales processes');
  const sale = rowOf(page, 'product_sale');
  await expect(sale).toContainText('Product sale');
  await expect(sale).toContainText('Default process');
  await expect(sale).toContainText('Stock');
  await expect(sale.getByRole('cell', { name: '6', exact: true })).toBeVisible();
  await expect(rowOf(page, 'project_bid').getByRole('cell', { name: '12', exact: true })).toBeVisible();

  // The stage: added at the end, its value following its label, then moved up after Negotiation.
  await sale.getByRole('button', { name: 'Edit: Product sale' }).click();
  const drawer = page.getByRole('dialog', { name: 'Edit sales process' });
  await expect(drawer.getByLabel('API name')).toBeDisabled();
  await expect(drawer.getByLabel('Stage 4 label', { exact: true })).toHaveValue('Negotiation');
  // Negotiation's quote requirement is a formula: shown, not editable, kept.
  await expect(drawer.getByText('+ 1 other condition(s)')).toBeVisible();
  await expect(drawer.locator('.ant-select').filter({ has: page.getByLabel('Required to enter Proposal') })).toContainText('Amount');
  await drawer.getByRole('button', { name: 'Add stage' }).click();
  await drawer.getByLabel('Stage 7 label', { exact: true }).fill(STAGE);
  await expect(drawer.getByLabel('Stage 7 value', { exact: true })).toHaveValue('contract_review');
  await drawer.getByLabel('Stage 7 Chinese label', { exact: true }).fill('合同审核');
  await drawer.getByLabel(`Probability (%) of ${STAGE}`).fill('80');
  await choose(page, `Forecast category of ${STAGE}`, 'Commit');
  await drawer.getByRole('button', { name: `Move up: ${STAGE}` }).click();
  await drawer.getByRole('button', { name: `Move up: ${STAGE}` }).click();
  await expect(drawer.getByLabel('Stage 4 label', { exact: true })).toHaveValue('Negotiation');
  await expect(drawer.getByLabel('Stage 5 value', { exact: true })).toHaveValue('contract_review');
  await expect(drawer.getByLabel('Stage 6 label', { exact: true })).toHaveValue('Closed won');
  await expect(drawer.getByLabel(`Probability (%) of ${STAGE}`)).toHaveValue('80');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();
  await expect(sale.getByRole('cell', { name: '7', exact: true })).toBeVisible();
  await expect(sale).toContainText('Customised');

  // The kanban has its column, between Negotiation and Closed won.
  await page.goto('/o/opportunity/kanban');
  await expect(page.getByRole('heading', { name: 'Opportunities · Kanban', level: 1 })).toBeVisible();
  const column = page.getByRole('region', { name: STAGE, exact: true });
  await expect(column).toBeVisible();
  await expect(column).toContainText('0 records');
  const columns = await page.getByRole('region').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(columns.slice(columns.indexOf('Negotiation'), columns.indexOf('Negotiation') + 3)).toEqual(['Negotiation', STAGE, 'Closed won']);

  // A product-sale opportunity's path offers it, in the same place.
  await page.getByRole('region', { name: 'Qualification', exact: true }).getByRole('article').first().getByRole('link').first().click();
  const path = page.getByRole('navigation', { name: 'Sales path' });
  await expect(path.locator('[aria-current="step"]')).toHaveText('Qualification');
  await expect(path.getByRole('button', { name: `Move to ${STAGE}` })).toBeVisible();
  const stages = (await path.getByRole('listitem').allInnerTexts()).map((s) => s.trim());
  expect(stages.slice(stages.indexOf('Negotiation'), stages.indexOf('Negotiation') + 3)).toEqual(['Negotiation', STAGE, 'Closed won']);

  // Removed again (no record entered it): the process is back to six stages.
  await openDesignerTab(page, 'Sales processes');
  await sale.getByRole('button', { name: 'Edit: Product sale' }).click();
  await drawer.getByRole('button', { name: `Remove stage: ${STAGE}` }).click();
  await expect(drawer.getByLabel('Stage 5 label', { exact: true })).toHaveValue('Closed won');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();
  await expect(sale.getByRole('cell', { name: '6', exact: true })).toBeVisible();
});

test('an admin writes a validation rule: a malformed formula shows its problem and position; fixed, the rule refuses a save', async ({ page }) => {
  await signIn(page);
  await openDesignerTab(page, 'Validation rules');
  await expect(rowOf(page, 'won_needs_amount')).toContainText('Stock');

  await page.getByRole('button', { name: 'New validation rule' }).click();
  const drawer = page.getByRole('dialog', { name: 'New validation rule' });
  await drawer.getByLabel('Label', { exact: true }).fill(RULE_LABEL);
  await drawer.getByLabel('API name').fill(RULE);
  await drawer.getByLabel('Error message', { exact: true }).fill(RULE_MESSAGE);
  await choose(page, 'Show next to field', 'Amount', { search: true });

  // The closing parenthesis is missing: the live check says where the open one is.
  const formula = drawer.getByLabel('Error when (formula)');
  await formula.fill('AND(ISCHANGED(amount), amount > 100000000000');
  const position = drawer.getByRole('button', { name: 'Position 4' });
  await expect(position).toBeVisible();
  await expect(drawer.getByText('The parenthesis opened at position 4 is never closed')).toBeVisible();
  await position.click();
  await expect(formula).toBeFocused();
  expect(await formula.evaluate((el) => [(el as HTMLTextAreaElement).selectionStart, (el as HTMLTextAreaElement).selectionEnd])).toEqual([3, 4]);

  // Saved as it is, the server refuses it by the formula.
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer.locator('.ant-form-item-explain-error').filter({ hasText: 'never closed' })).toBeVisible();

  // Fixed: the check shows what it gives, and it saves.
  await formula.press('End');
  await formula.pressSequentially(')');
  await expect(drawer.getByText('The formula is valid and gives true/false')).toBeVisible();
  await expect(drawer.getByRole('button', { name: /^Position/ })).toHaveCount(0);
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();
  const rule = rowOf(page, RULE);
  await expect(rule).toContainText(RULE_LABEL);
  await expect(rule).toContainText('Amount');
  await expect(rule).toContainText('Workspace');

  // The rule at work: an amount that large is refused, with its message.
  await page.goto('/o/opportunity');
  const link = page.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('link').first();
  const name = (await link.innerText()).trim();
  await link.click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Edit · ${name}`, level: 1 })).toBeVisible();
  await page.getByLabel('Amount', { exact: true }).fill('200000000000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(RULE_MESSAGE).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: `Edit · ${name}`, level: 1 })).toBeVisible();

  // Deleted again.
  await openDesignerTab(page, 'Validation rules');
  await rule.getByRole('button', { name: `Delete: ${RULE_LABEL}` }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
  await expect(rule).toHaveCount(0);
});
