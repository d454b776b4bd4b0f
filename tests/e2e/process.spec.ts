// Sales processes on screen: a move on the record's path asks for what a stage's gate needs; once the rep fills it in the move succeeds and the stage history shows it; on the kanban
// a card dragged to a gated stage is refused the same way, and dragged or moved (with its select)
// to other stages it lands in the new column. Form rules: Loss reason shows only for a lost stage.
// Demo user used here: wang.fang (a Hangzhou rep no other spec uses), on an opportunity of her own.
import { expect, test, type Page } from '@playwright/test';
import { choose, signIn, menuLink } from './helpers';

test.describe.configure({ timeout: 150_000 });
// A desktop screen wide enough for the six columns of a product sale side by side (a narrower
// board scrolls sideways, and a drag cannot scroll it the way a hand on a mouse would).
test.use({ viewport: { width: 1920, height: 1080 } });

const column = (page: Page, stage: string) => page.getByRole('region', { name: stage, exact: true });

test('a rep moves an opportunity along its path and across the kanban; gates list what is missing', async ({ page }) => {
  await signIn(page, 'wang.fang@tessera.demo');
  const name = `Ningbo Port Cranes ${Date.now()}`;

  // Create it in Discovery without an amount; Loss reason is not offered while the deal is open.
  await page.goto('/o/opportunity');
  await page.getByRole('button', { name: 'New Opportunity' }).click();
  await expect(page.getByRole('heading', { name: 'New Opportunity', level: 1 })).toBeVisible();
  await page.getByLabel('Opportunity name', { exact: true }).fill(name);
  // Typed into the date picker, then confirmed by leaving the field (Enter would submit the form).
  await page.getByLabel('Close date', { exact: true }).fill('2027-03-31');
  await page.getByLabel('Opportunity name', { exact: true }).click();
  await expect(page.getByLabel('Close date', { exact: true })).toHaveValue('2027-03-31');
  await expect(page.locator('.ant-select').filter({ has: page.getByLabel('Sales process', { exact: true }) })).toContainText('Product sale');
  await expect(page.locator('.ant-select').filter({ has: page.getByLabel('Stage', { exact: true }) })).toContainText('Discovery');
  await expect(page.getByLabel('Loss reason', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();

  // The path: Discovery is current; Proposal needs an amount, and the move asks for it.
  const path = page.getByRole('navigation', { name: 'Sales path' });
  await expect(path.locator('[aria-current="step"]')).toHaveText('Discovery');
  await expect(page.getByText('Probability 10%')).toBeVisible();
  await path.getByRole('button', { name: 'Move to Proposal' }).click();
  const ask = page.getByRole('dialog', { name: 'Move to Proposal?' });
  await expect(ask).toContainText('To move to Proposal, fill in:');
  await expect(ask.getByLabel('Amount', { exact: true })).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(path.locator('[aria-current="step"]')).toHaveText('Discovery');

  // Edit: a lost stage brings up Loss reason (required); back to Discovery it goes; set the amount.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Edit · ${name}`, level: 1 })).toBeVisible();
  await choose(page, /^Stage$/, 'Closed lost');
  await expect(page.getByLabel('Loss reason', { exact: true })).toBeVisible();
  await choose(page, /^Stage$/, 'Discovery');
  await expect(page.getByLabel('Loss reason', { exact: true })).toHaveCount(0);
  await page.getByLabel('Amount', { exact: true }).fill('120000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();

  // Now the move goes through: Proposal is current, at its probability, and the history shows the change.
  await path.getByRole('button', { name: 'Move to Proposal' }).click();
  await page.getByRole('dialog', { name: 'Move to Proposal?' }).getByRole('button', { name: 'Move' }).click();
  await expect(path.locator('[aria-current="step"]')).toHaveText('Proposal');
  await expect(page.getByText('Probability 40%')).toBeVisible();
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('region', { name: 'Stage history' });
  const change = history
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Discovery', exact: true }) })
    .filter({ has: page.getByRole('cell', { name: 'Proposal', exact: true }) });
  await expect(change).toContainText('王芳');
  await expect(change).toContainText('120,000');
  await expect(change).toContainText('40%');

  // The kanban (from the list), searched for this opportunity: its card is in the Proposal column.
  await menuLink(page, 'Opportunities').click();
  await page.getByRole('button', { name: 'Kanban' }).click();
  await expect(page.getByRole('heading', { name: 'Opportunities · Kanban', level: 1 })).toBeVisible();
  await expect(page.locator('.ant-select').filter({ has: page.getByLabel('Sales process') })).toContainText('Product sale');
  await page.getByRole('searchbox', { name: 'Search Opportunities' }).fill(name);
  await page.getByRole('searchbox', { name: 'Search Opportunities' }).press('Enter');
  const card = (stage: string) => column(page, stage).getByRole('article', { name });
  await expect(card('Proposal')).toBeVisible();
  await expect(card('Proposal')).toContainText('120,000');
  await expect(card('Proposal')).toContainText('王芳');
  await expect(column(page, 'Proposal')).toContainText(/\d+ records · Total CN¥[\d,.]+/);

  // Dragged to Negotiation: refused, a quote is missing; the card stays put.
  await card('Proposal').dragTo(column(page, 'Negotiation'));
  const quote = page.getByRole('alert').filter({ hasText: 'Cannot move to Negotiation. Missing:' });
  await expect(quote).toBeVisible();
  await expect(quote.getByRole('listitem')).toHaveText(['A quote is required to enter Negotiation']);
  await expect(card('Proposal')).toBeVisible();
  await expect(card('Negotiation')).toHaveCount(0);

  // Dragged back to Qualification (no gate): it moves.
  await card('Proposal').dragTo(column(page, 'Qualification'));
  await expect(card('Qualification')).toBeVisible();
  await expect(card('Proposal')).toHaveCount(0);

  // Without a mouse: the card's "Move … to" list takes it to Proposal again.
  await choose(page, `Move ${name} to`, 'Proposal', { confirm: false });
  await expect(card('Proposal')).toBeVisible();
  await expect(card('Qualification')).toHaveCount(0);

  // The record shows where the kanban left it, and back to the list.
  await card('Proposal').getByRole('link', { name }).click();
  await expect(path.locator('[aria-current="step"]')).toHaveText('Proposal');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(history.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Qualification', exact: true }) })).toHaveCount(2);
});
