// The designer's approval flows: an admin opens Contract, Approval flows, and changes the stock
// "by margin" flow's Commercial director step criteria from 30 to 25 (the live check flags a typo
// first), saves, reloads and sees it kept; then puts 30 back, which leaves the flow as stock. A
// second test builds a new flow (entry formula, a role approver, a field update and an e-mail),
// moves it above the stock flow and back, deactivates it and deletes it. Other specs rely on the
// stock flow: everything is put back at the end, and before starting if a failed run left it.
// Demo user used here: admin (changes metadata only).
import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { choose, signIn } from './helpers';

test.describe.configure({ timeout: 150_000 });

const FLOW_LABEL = 'Contract approval by gross margin';
const NEW_FLOW = 'large_contract_review';
const NEW_LABEL = 'Large contract review';

/** JSON with keys sorted, to compare definitions. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/** Put back what a failed run may have left: the stock flow as shipped, no extra flow. */
async function cleanUp(browser: Browser) {
  const page = await browser.newPage();
  await signIn(page);
  const doc = (await (await page.request.get('/api/v1/metadata/objects/contract')).json()) as { approvals: { name: string }[] };
  const { $schema: _s, ...stock } = JSON.parse(fs.readFileSync('metadata/approvals/contract.by_margin.json', 'utf8')) as Record<string, unknown>;
  if (canonical(doc.approvals.find((f) => f.name === 'by_margin')) !== canonical(stock)) {
    expect((await page.request.put('/api/v1/metadata/approvals/contract/by_margin', { data: stock })).ok()).toBe(true);
  }
  if (doc.approvals.some((f) => f.name === NEW_FLOW)) expect((await page.request.delete(`/api/v1/metadata/approvals/contract/${NEW_FLOW}`)).ok()).toBe(true);
  await page.close();
}

test.beforeAll(async ({ browser }) => cleanUp(browser));
test.afterAll(async ({ browser }) => cleanUp(browser));

async function openApprovals(page: Page) {
  await page.goto('/admin/designer/contract');
  await expect(page.getByRole('heading', { name: 'Object manager · Contract', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Approval flows' }).click();
}

const rowOf = (page: Page, apiName: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: apiName, exact: true }) });

async function editCommercialCriteria(page: Page, from: string, to: string) {
  await rowOf(page, 'by_margin')
    .getByRole('button', { name: `Edit: ${FLOW_LABEL}` })
    .click();
  const drawer = page.getByRole('dialog', { name: 'Edit approval flow' });
  const step = drawer.getByRole('group', { name: 'Step 2: Commercial director' });
  const criteria = step.getByLabel('Criteria (formula)');
  await expect(criteria).toHaveValue(`BLANKVALUE(margin, 0) < ${from}`);
  await criteria.fill(`BLANKVALUE(margin, 0) < ${to}`);
  await expect(step.getByText('The formula is valid and gives true/false')).toBeVisible();
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();
}

test("an admin changes a step's criteria of the stock contract flow; it is kept after a reload, and put back", async ({ page }) => {
  await signIn(page);
  await openApprovals(page);
  const flow = rowOf(page, 'by_margin');
  await expect(flow).toContainText(FLOW_LABEL);
  await expect(flow).toContainText('Stock');
  await expect(flow.getByRole('cell', { name: '3', exact: true })).toBeVisible();
  await expect(flow.getByRole('cell', { name: '10', exact: true })).toBeVisible();
  await expect(page.getByText('Saving a flow creates a new version for future submissions')).toBeVisible();

  // The editor shows the flow as it is: a condition tree entry, a role approver, the criteria formula.
  await flow.getByRole('button', { name: `Edit: ${FLOW_LABEL}` }).click();
  const drawer = page.getByRole('dialog', { name: 'Edit approval flow' });
  await expect(drawer.getByLabel('API name', { exact: true })).toBeDisabled();
  await expect(drawer.getByRole('group', { name: 'Entry condition' })).toContainText('Status is any of Draft, Rejected');
  const step = drawer.getByRole('group', { name: 'Step 2: Commercial director' });
  await expect(step.locator('.ant-select').filter({ has: page.getByLabel('Approver 1 role') })).toContainText('commercial_director');
  await expect(
    drawer
      .getByRole('group', { name: 'Step 1: Sales director' })
      .locator('.ant-select')
      .filter({ has: page.getByLabel('Approver 1: department') }),
  ).toContainText("The record's owner");
  // A typo is flagged as you type, with its position.
  const criteria = step.getByLabel('Criteria (formula)');
  await criteria.fill('BLANKVALUE(margn, 0) < 25');
  await expect(step.getByRole('button', { name: /^Position/ })).toBeVisible();
  await drawer.getByRole('button', { name: 'Cancel' }).click();
  await expect(drawer).toBeHidden();

  await editCommercialCriteria(page, '30', '25');
  await expect(flow).toContainText('Customised');
  await page.reload();
  await page.getByRole('tab', { name: 'Approval flows' }).click();
  await expect(rowOf(page, 'by_margin')).toContainText('Customised');
  await editCommercialCriteria(page, '25', '30');
  // Saved exactly as shipped: no longer a customisation.
  await expect(rowOf(page, 'by_margin')).not.toContainText('Customised');
});

test('an admin builds a new flow, moves it above the stock flow and back, deactivates and deletes it', async ({ page }) => {
  await signIn(page);
  await openApprovals(page);
  await page.getByRole('button', { name: 'New approval flow' }).click();
  const drawer = page.getByRole('dialog', { name: 'New approval flow' });
  await drawer.getByLabel('Label', { exact: true }).fill(NEW_LABEL);
  await expect(drawer.getByLabel('API name', { exact: true })).toHaveValue(NEW_FLOW);
  await drawer.getByLabel('Entry condition (formula)').fill('amount > 100000000');
  await expect(drawer.getByRole('group', { name: 'Entry condition' }).getByText('The formula is valid and gives true/false')).toBeVisible();

  const step = drawer.getByRole('group', { name: /^Step 1:/ });
  await step.getByLabel('Step label', { exact: true }).fill('Finance review');
  await expect(step.getByLabel('Step API name')).toHaveValue('finance_review');
  await choose(page, 'Approver 1 role', 'Finance manager (finance_manager)', { search: true });
  await choose(page, 'Approval mode', 'Every approver must approve');

  const approve = drawer.getByRole('group', { name: 'When finally approved' });
  await approve.getByRole('button', { name: 'Add field update' }).click();
  await choose(page, /^Field$/, 'Status', { search: true });
  await choose(page, 'New value', 'Approved');
  await approve.getByRole('button', { name: 'Add e-mail' }).click();
  await approve.getByLabel('Subject', { exact: true }).fill('Contract {{record.number}} approved');
  await approve.getByLabel('Body', { exact: true }).fill('Approved by {{actor}}. {{link}}');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();

  const added = rowOf(page, NEW_FLOW);
  await expect(added).toContainText(NEW_LABEL);
  await expect(added).toContainText('Workspace');
  await expect(added.getByRole('cell', { name: '20', exact: true })).toBeVisible();
  const saved = (await (await page.request.get('/api/v1/metadata/objects/contract')).json()) as { approvals: Record<string, unknown>[] };
  expect(saved.approvals.find((f) => f.name === NEW_FLOW)).toMatchObject({
    order: 20,
    entry: 'amount > 100000000',
    steps: [{ name: 'finance_review', label: { en: 'Finance review', zh: 'Finance review' }, approvers: [{ type: 'role', role: 'finance_manager' }], mode: 'all' }],
    actions: {
      approve: [
        { type: 'update', field: 'status', value: 'approved' },
        { type: 'email', to: ['submitter'], subject: { en: 'Contract {{record.number}} approved' } },
      ],
    },
  });

  // Moved to the top, it is tried first (the two flows swap their order numbers); and back.
  const panel = page.getByRole('tabpanel', { name: 'Approval flows' });
  const names = async () => (await panel.locator('.ant-table-tbody tr.ant-table-row td:nth-child(4)').allInnerTexts()).map((s) => s.trim());
  await added.getByRole('button', { name: `Move up: ${NEW_LABEL}` }).click();
  await expect.poll(names).toEqual([NEW_FLOW, 'by_margin']);
  await expect(added.getByRole('cell', { name: '10', exact: true })).toBeVisible();
  await added.getByRole('button', { name: `Move down: ${NEW_LABEL}` }).click();
  await expect.poll(names).toEqual(['by_margin', NEW_FLOW]);
  await expect(rowOf(page, 'by_margin')).not.toContainText('Customised');

  await added.getByRole('button', { name: `Deactivate: ${NEW_LABEL}` }).click();
  await expect(added).toContainText('Inactive');
  await added.getByRole('button', { name: `Delete: ${NEW_LABEL}` }).click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
  await expect(added).toHaveCount(0);
});
