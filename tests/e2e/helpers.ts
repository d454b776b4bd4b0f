import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Tessera#2026';

export async function signIn(page: Page, email = 'admin@tessera.demo', password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Home is the user's dashboard, or the opportunities when no dashboard applies to them.
  await expect(page).toHaveURL(/\/(o\/|dashboards|$)/);
}

/**
 * Choose an option of an Ant Design select found by its label, in the dropdown that select controls
 * (a closing dropdown of another select may still be on screen). Long lists are virtualised, so
 * for a searchable select the option is typed first, as a user would. `confirm: false` skips the
 * check that the select shows the choice (for selects that reload the page).
 */
export async function choose(page: Page, label: string | RegExp, option: string, { search = false, confirm = true } = {}) {
  const input = page.getByLabel(label);
  const box = page.locator('.ant-select').filter({ has: input });
  const multiple = (await page.locator('.ant-select-multiple').filter({ has: input }).count()) > 0;
  const pick = async () => {
    if ((await input.getAttribute('aria-expanded')) !== 'true') await input.click();
    if (search) await input.fill(option);
    await expect(input).toHaveAttribute('aria-expanded', 'true');
    const listId = await input.getAttribute('aria-controls');
    const dropdown = listId ? page.locator(`.ant-select-dropdown:has([id="${listId}"])`) : page.locator('.ant-select-dropdown:visible').last();
    await dropdown.getByTitle(option, { exact: true }).click({ timeout: 5_000 });
  };
  if (!confirm) return pick();
  if (multiple) {
    // A click can land on a stale option here too; clicking a chosen option again would unchoose it,
    // so pick only while the select does not show the choice yet.
    await expect(async () => {
      if (!(await box.innerText()).includes(option)) await pick();
      await expect(box).toContainText(option, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    return;
  }
  // The list re-renders while it filters or animates; a click can land on a stale option, so retry
  // until the select shows the choice.
  await expect(async () => {
    await pick();
    await expect(box).toContainText(option, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** A link of the app's main menu (not the recently viewed list or the admin menu), in either language. */
export function menuLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: /^(Navigation|导航)$/ }).getByRole('link', { name, exact: true });
}

/**
 * The same signed-in session in a browser that asks for Chinese (a new context with locale zh-CN
 * and the page's cookies): a user who chose no language then sees Chinese. Playwright's extra
 * headers cannot do this: Chromium sends the context's own Accept-Language on navigations.
 */
export async function inChineseBrowser(page: Page, viewport = page.viewportSize() ?? { width: 1280, height: 800 }): Promise<Page> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const chinese = await browser.newContext({ locale: 'zh-CN', viewport });
  await chinese.addCookies(await page.context().cookies());
  return chinese.newPage();
}
