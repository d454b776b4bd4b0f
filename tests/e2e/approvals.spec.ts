// Approvals on screen. A rep submits a contract with a 15% gross margin (the stock "by margin" flow
// asks the sales director, the commercial director and the general manager); the record shows
// "In approval" and is locked (Edit disabled, a save refused with RECORD_LOCKED); each approver
// sees a notification, finds the contract in My approvals and approves it with a comment; the
// contract ends Approved, unlocked, with all three decisions in its approval history. Also: a
// recall and a rejection from the record page, a bulk approval with one failure reported, and a
// delegate set and cleared on My account.
// Contracts are created by the admin over REST (a rep can neither see nor set the cost) and deleted
// at the end. Demo users: wang.fang (owner), director.east, commercial, gm, finance.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { choose, signIn } from './helpers';

test.describe.configure({ timeout: 240_000 });

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, email);
  // Some demo users chose Chinese (the general manager); this test reads English, so they switch.
  if ((await page.locator('html').getAttribute('lang'))?.startsWith('zh')) {
    await choose(page, '语言', 'English', { confirm: false });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
  return page;
}

interface Setup {
  rep: Page;
  admin: Page;
  repId: string;
  accountId: string;
}

/** The rep signed in, the admin signed in, and one of the rep's accounts for new contracts. */
async function setUp(browser: Browser): Promise<Setup> {
  const rep = await signedIn(browser, 'wang.fang@tessera.demo');
  const me = (await (await rep.request.get('/api/trpc/meta.session')).json()) as { result: { data: { user: { id: string } } } };
  const accounts = (await (await rep.request.get('/api/v1/records/account?limit=1')).json()) as { records: { id: string }[] };
  expect(accounts.records.length).toBe(1);
  const admin = await signedIn(browser, 'admin@tessera.demo');
  return { rep, admin, repId: me.result.data.user.id, accountId: accounts.records[0].id };
}

/** A draft contract of the rep's, created by the admin (a rep can neither see nor set the cost). */
async function createContract(s: Setup, name: string, cost: number): Promise<string> {
  const created = await s.admin.request.post('/api/v1/records/contract', { data: { name, account: s.accountId, amount: 100000, cost, owner: s.repId } });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { record: { id: string } }).record.id;
}

/** A field's value as the record page shows it (label and value of one Descriptions item). */
const fieldItem = (page: Page, label: string) =>
  page
    .getByRole('region', { name: 'Details' })
    .locator('.ant-descriptions-item')
    .filter({ has: page.getByText(label, { exact: true }) });

const APPROVERS = [
  { email: 'director.east@tessera.demo', name: '李明', step: 'Sales director', comment: 'Sales director: fine by me' },
  { email: 'commercial@tessera.demo', name: '陈静', step: 'Commercial director', comment: 'Commercial: margin accepted for a reference client' },
  { email: 'gm@tessera.demo', name: '王建国', step: 'General manager', comment: 'GM: approved, keep the payment terms' },
];

test('a 15% margin contract goes through three approvers from My approvals and ends approved and unlocked', async ({ browser }) => {
  const setup = await setUp(browser);
  const { rep, admin } = setup;
  const name = `Hangzhou Metro Signalling ${Date.now()}`;
  const id = await createContract(setup, name, 85000);

  try {
    // 15% gross margin, as those who may read the cost see it.
    await admin.goto(`/o/contract/${id}`);
    await expect(fieldItem(admin, 'Gross margin')).toContainText('15');
    // The rep opens it: a draft, not submitted yet. The rep may not read the cost, so not the margin worked out from it either.
    await rep.goto(`/o/contract/${id}`);
    await expect(rep.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
    await expect(fieldItem(rep, 'Status')).toContainText('Draft');
    await expect(fieldItem(rep, 'Gross margin')).toHaveCount(0);
    const panel = rep.getByRole('region', { name: 'Approval', exact: true });
    await expect(panel).toContainText('Not submitted for approval yet.');
    await expect(rep.getByRole('button', { name: 'Edit', exact: true })).toBeEnabled();

    // Submit, with a comment.
    await panel.getByRole('button', { name: 'Submit for approval' }).click();
    const submit = rep.getByRole('dialog', { name: `Submit "${name}" for approval` });
    await expect(submit).toContainText('Contract approval by gross margin');
    await submit.getByLabel('Comment (optional)').fill('Strategic client, please approve quickly');
    await submit.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(submit).toBeHidden();

    // In approval, locked: Edit is disabled and says why; the first step waits for 李明.
    await expect(fieldItem(rep, 'Status')).toContainText('In approval');
    await expect(rep.getByRole('status').filter({ hasText: 'Locked while in approval' })).toBeVisible();
    await expect(rep.getByRole('button', { name: 'Edit', exact: true })).toBeDisabled();
    await expect(panel).toContainText('Pending');
    await expect(panel).toContainText('Contract approval by gross margin (version');
    await expect(panel).toContainText('Current step: Sales director');
    await expect(panel.getByRole('list', { name: 'Approvers of Sales director' })).toContainText('李明');
    await expect(panel.getByRole('button', { name: 'Recall' })).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Approve' })).toHaveCount(0);

    // A save that gets past the page anyway (the edit form opened directly) is refused, with the server's reason.
    await rep.goto(`/o/contract/${id}/edit`);
    await rep.getByRole('textbox', { name: 'Description', exact: true }).fill('Changed while in approval');
    await rep.getByRole('button', { name: 'Save' }).click();
    await expect(rep.getByRole('alert').filter({ hasText: 'This Contract is locked while it is in approval' })).toBeVisible();

    for (const [i, approver] of APPROVERS.entries()) {
      const page = await signedIn(browser, approver.email);
      if (i === 0) {
        // The bell: an unread notification asking for this approval, with a link to the contract.
        const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
        await expect(bell).toBeVisible();
        await bell.click();
        const list = page.getByRole('region', { name: 'Notifications' });
        await expect(list.getByRole('link', { name: `Approval requested: Contract ${name}` })).toBeVisible();
        await expect(list).toContainText('王芳 submitted Contract');
        await list.getByRole('button', { name: 'Mark all read' }).click();
        await expect(page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
        await page.keyboard.press('Escape');
      }
      // My approvals (with its pending count in the navigation): the contract at this approver's step.
      await page
        .getByRole('navigation', { name: 'Navigation' })
        .getByRole('link', { name: /^My approvals \(\d+ pending\)$/ })
        .click();
      await expect(page.getByRole('heading', { name: 'My approvals', level: 1 })).toBeVisible();
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
      await expect(row).toContainText(approver.step);
      await expect(row).toContainText('王芳');
      await expect(row).toContainText('Contract approval by gross margin');
      await row.getByRole('button', { name: 'Approve' }).click();
      const dialog = page.getByRole('dialog', { name: `Approve "${name}"` });
      await dialog.getByLabel('Comment (optional)').fill(approver.comment);
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toHaveCount(0);
      await page.close();

      // The rep's page follows along: the next step, or the end.
      await rep.goto(`/o/contract/${id}`);
      if (i < APPROVERS.length - 1) {
        await expect(panel).toContainText(`Current step: ${APPROVERS[i + 1].step}`);
        await expect(panel.getByRole('list', { name: `Approvers of ${APPROVERS[i + 1].step}` })).toContainText(APPROVERS[i + 1].name);
      }
    }

    // Approved, unlocked, and every decision with its comment in the history.
    await expect(fieldItem(rep, 'Status')).toContainText('Approved');
    await expect(rep.getByRole('status').filter({ hasText: 'Locked while in approval' })).toHaveCount(0);
    await expect(rep.getByRole('button', { name: 'Edit', exact: true })).toBeEnabled();
    await expect(panel.getByRole('button', { name: 'Recall' })).toHaveCount(0);
    const history = panel.getByRole('region', { name: 'Approval history' });
    await expect(history).toContainText('王芳 submitted for approval');
    await expect(history).toContainText('Strategic client, please approve quickly');
    for (const approver of APPROVERS) {
      await expect(history).toContainText(`${approver.name} approved · ${approver.step}`);
      await expect(history).toContainText(approver.comment);
    }
    await expect(history).toContainText('request completed: Approved');

    // What the approval vouched for stays as approved: the panel says so.
    await expect(panel).toContainText('Approved: Contract amount, Cost, Start date, End date can no longer be changed.');

    // And the rep can edit it again, but not its status (the approval sets it).
    await rep.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(rep.getByText('Set by the approval process')).toBeVisible();
    await rep.getByRole('textbox', { name: 'Description', exact: true }).fill('Signed after approval');
    await rep.getByRole('button', { name: 'Save' }).click();
    await expect(rep.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
    await expect(fieldItem(rep, 'Description')).toContainText('Signed after approval');
  } finally {
    await admin.request.delete(`/api/v1/records/contract/${id}`);
  }
});

test('a rep recalls a submission; the sales director rejects the next one from the record page, with a comment', async ({ browser }) => {
  const setup = await setUp(browser);
  const { rep, admin } = setup;
  // 50% gross margin: only the sales director is asked.
  const name = `Ningbo Harbour Cranes ${Date.now()}`;
  const id = await createContract(setup, name, 50000);
  try {
    await rep.goto(`/o/contract/${id}`);
    const panel = rep.getByRole('region', { name: 'Approval', exact: true });
    await panel.getByRole('button', { name: 'Submit for approval' }).click();
    await rep
      .getByRole('dialog', { name: `Submit "${name}" for approval` })
      .getByRole('button', { name: 'Submit for approval' })
      .click();
    await expect(fieldItem(rep, 'Status')).toContainText('In approval');
    await expect(rep.getByRole('button', { name: 'Edit', exact: true })).toBeDisabled();

    // Recalled, with a reason: a draft again, editable, and the request shows as recalled.
    await panel.getByRole('button', { name: 'Recall' }).click();
    const recall = rep.getByRole('dialog', { name: 'Recall the approval request' });
    await recall.getByLabel('Comment (optional)').fill('Wrong payment terms, fixing them first');
    await recall.getByRole('button', { name: 'Recall' }).click();
    await expect(recall).toBeHidden();
    await expect(fieldItem(rep, 'Status')).toContainText('Draft');
    await expect(rep.getByRole('button', { name: 'Edit', exact: true })).toBeEnabled();
    const history = panel.getByRole('region', { name: 'Approval history' });
    await expect(history).toContainText('王芳 recalled the request · Sales director');
    await expect(history).toContainText('Wrong payment terms, fixing them first');

    // Submitted again; the director follows the notification to the record and rejects it there.
    await panel.getByRole('button', { name: 'Submit for approval' }).click();
    const again = rep.getByRole('dialog', { name: `Submit "${name}" for approval` });
    await again.getByLabel('Comment (optional)').fill('Terms fixed');
    await again.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(fieldItem(rep, 'Status')).toContainText('In approval');

    const director = await signedIn(browser, 'director.east@tessera.demo');
    await director.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    await director
      .getByRole('region', { name: 'Notifications' })
      .getByRole('link', { name: `Approval requested: Contract ${name}` })
      .first()
      .click();
    await expect(director.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
    const decision = director.getByRole('region', { name: 'Your decision' });
    await decision.getByLabel('Comment', { exact: true }).fill('Payment in 180 days is too long');
    await decision.getByRole('button', { name: 'Reject' }).click();
    await expect(fieldItem(director, 'Status')).toContainText('Rejected');
    await expect(director.getByRole('region', { name: 'Your decision' })).toHaveCount(0);
    await director.close();

    // The rep sees both requests, the rejection with its comment, and may submit again.
    await rep.reload();
    await expect(fieldItem(rep, 'Status')).toContainText('Rejected');
    await expect(rep.getByRole('button', { name: 'Edit', exact: true })).toBeEnabled();
    await expect(history.getByRole('region')).toHaveCount(2);
    await expect(history.getByRole('region').first()).toContainText('李明 rejected · Sales director');
    await expect(history.getByRole('region').first()).toContainText('Payment in 180 days is too long');
    await expect(history.getByRole('region').last()).toContainText('Recalled');
    await expect(panel.getByRole('button', { name: 'Submit for approval' })).toBeVisible();
  } finally {
    await admin.request.delete(`/api/v1/records/contract/${id}`);
  }
});

test('an approver approves several requests at once; one recalled meanwhile is reported as not approved', async ({ browser }) => {
  const setup = await setUp(browser);
  const { rep, admin } = setup;
  const stamp = Date.now();
  const names = [`Bulk Wharf A ${stamp}`, `Bulk Wharf B ${stamp}`];
  const ids = [await createContract(setup, names[0], 40000), await createContract(setup, names[1], 40000)];
  try {
    const requestIds: string[] = [];
    for (const id of ids) {
      const res = await rep.request.post(`/api/v1/records/contract/${id}/approval/submit`, { data: { comment: 'Routine' } });
      expect(res.status()).toBe(201);
      requestIds.push(((await res.json()) as { requestId: string }).requestId);
    }

    const director = await signedIn(browser, 'director.east@tessera.demo');
    await director.goto('/approvals');
    await expect(director.getByRole('heading', { name: 'My approvals', level: 1 })).toBeVisible();
    for (const n of names) await director.getByRole('checkbox', { name: `Select ${n}` }).check();
    await expect(director.getByRole('button', { name: 'Approve selected (2)' })).toBeEnabled();
    // Meanwhile the rep recalls the second one.
    expect((await rep.request.post(`/api/v1/approvals/${requestIds[1]}/recall`, { data: {} })).ok()).toBe(true);

    await director.getByRole('button', { name: 'Approve selected (2)' }).click();
    const dialog = director.getByRole('dialog', { name: 'Approve 2 request(s)' });
    await dialog.getByLabel('Comment (optional)').fill('Approved in bulk');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    const report = director.getByRole('status').filter({ hasText: '1 approved · 1 could not be approved' });
    await expect(report).toBeVisible();
    await expect(report).toContainText(`${names[1]}: This approval request is no longer pending (Recalled)`);
    for (const n of names) await expect(director.getByRole('link', { name: n, exact: true })).toHaveCount(0);
    await director.close();

    await rep.goto(`/o/contract/${ids[0]}`);
    await expect(fieldItem(rep, 'Status')).toContainText('Approved');
    await expect(rep.getByRole('region', { name: 'Approval history' })).toContainText('Approved in bulk');
  } finally {
    for (const id of ids) await admin.request.delete(`/api/v1/records/contract/${id}`);
  }
});

test('a user names a delegate for their approvals while away, then clears it', async ({ page }) => {
  await signIn(page, 'finance@tessera.demo');
  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Approvals while I am away' });
  await expect(section.getByRole('status')).toHaveText('You approve your own requests (no delegate).');
  // The picker searches the server by name or e-mail.
  const picker = section.getByLabel('Delegate', { exact: true });
  await picker.click();
  await picker.fill('commercial');
  await page.locator('.ant-select-dropdown:visible').getByTitle('陈静 · commercial@tessera.demo', { exact: true }).click();
  await expect(section.locator('.ant-select')).toContainText('陈静');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('status')).toHaveText('Your approvals go to 陈静.');
  await page.reload();
  await expect(section.getByRole('status')).toHaveText('Your approvals go to 陈静.');
  await section.getByRole('button', { name: 'Clear delegate' }).click();
  await expect(section.getByRole('status')).toHaveText('You approve your own requests (no delegate).');
});
