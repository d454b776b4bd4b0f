// Per-process layouts and form rules in the designer: an admin opens the Project bid layout (its
// own Bid section) from the layout picker, and makes "Next step" required while a deal is in
// Negotiation with the condition builder; the server then refuses clearing it on such a deal.
// The rule is removed again at the end. Demo user: admin (metadata and one opportunity via REST).
import { expect, test, type Browser } from '@playwright/test';
import { signIn } from './helpers';

test.describe.configure({ timeout: 150_000 });

/** Put "Next step" back as stock defines it (no form rule). */
async function cleanUp(browser: Browser) {
  const page = await browser.newPage();
  await signIn(page);
  const doc = (await (await page.request.get('/api/v1/metadata/objects/opportunity')).json()) as { object: { fields: { name: string; requiredIf?: unknown }[] } };
  const field = doc.object.fields.find((f) => f.name === 'next_step');
  if (field?.requiredIf) {
    const { requiredIf: _r, source: _s, customized: _c, ...rest } = field as Record<string, unknown>;
    expect((await page.request.put('/api/v1/metadata/objects/opportunity/fields/next_step', { data: rest })).ok()).toBe(true);
  }
  await page.close();
}

test.beforeAll(async ({ browser }) => cleanUp(browser));
test.afterAll(async ({ browser }) => cleanUp(browser));

test('an admin edits the Project bid layout and makes Next step required in Negotiation with a form rule', async ({ page }) => {
  await signIn(page);
  await page.goto('/admin/designer/opportunity');
  await expect(page.getByRole('heading', { name: 'Object manager · Opportunity', level: 1 })).toBeVisible();

  // The layout picker: the Project bid process has its own layout, with its Bid section.
  await page.getByRole('tab', { name: 'Layout' }).click();
  await page.getByRole('combobox', { name: 'Layout' }).click();
  await page.getByTitle('Project bid (project_bid)').click();
  await expect(page.getByRole('group', { name: 'Section: Bid' })).toBeVisible();

  // The form rule, built with the condition builder.
  await page.getByRole('tab', { name: 'Fields' }).click();
  await page.getByRole('button', { name: 'Edit: Next step' }).click();
  const drawer = page.getByRole('dialog', { name: 'Edit field' });
  await drawer.getByRole('button', { name: 'Form rules' }).click();
  const required = drawer.getByRole('region', { name: 'Required when' });
  await required.getByRole('button', { name: 'Add condition' }).click();
  // As the list page's condition builder is driven (tests/e2e/helpers.ts choose), inside this region.
  const pick = async (label: string, option: string, search = false) => {
    const input = required.getByLabel(label);
    await expect(async () => {
      if ((await input.getAttribute('aria-expanded')) !== 'true') await input.click();
      if (search) await input.fill(option);
      const listId = await input.getAttribute('aria-controls');
      await page.locator(`.ant-select-dropdown:has([id="${listId}"])`).getByTitle(option, { exact: true }).click({ timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
  };
  await pick('Field 1', 'Stage', true);
  await pick('Operator 1', 'is any of');
  await pick('Value 1', 'Negotiation');
  await page.keyboard.press('Escape');
  await required.getByRole('button', { name: 'Apply' }).click();
  await expect(required).toContainText('Negotiation');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await expect(drawer).toBeHidden();

  // The server enforces it: clearing Next step on a deal in Negotiation is refused, naming the field.
  const filter = encodeURIComponent(JSON.stringify({ field: 'stage', op: 'eq', value: 'negotiation' }));
  const list = (await (await page.request.get(`/api/v1/records/opportunity?filter=${filter}&limit=1`)).json()) as { records: { id: string }[] };
  const res = await page.request.patch(`/api/v1/records/opportunity/${list.records[0].id}`, { data: { next_step: null } });
  expect(res.status()).toBe(422);
  const body = (await res.json()) as { error: { details: { field: string; code: string }[] } };
  expect(body.error.details).toEqual([expect.objectContaining({ field: 'next_step', code: 'required' })]);
});
