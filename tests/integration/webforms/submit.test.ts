/**
 * Public web forms end to end through the real route: a thousand submissions at twenty at a time
 * from as many addresses (valid, invalid and spam: none lost), rate limits (429 with Retry-After, then
 * accepted again), the size limit, CORS for allowed origins only, only declared fields, JSON and
 * urlencoded, Chinese messages, the default owner, and the kind's cross-checks with pointers.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { getPool } from '../../../platform/db/pool';
import type { WebFormDefinition } from '../../../platform/metadata/generated/web_form';
import { webFormKind } from '../../../platform/metadata/kinds/webForm';
import { setRateWindowForTests } from '../../../platform/webforms/limits';
import { websiteEmail } from '../../../platform/webforms/principal';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { preflight, submit } from './webforms';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.TESSERA_TRUSTED_PROXIES = '1';

let tw: TestWorkspace;
let ws: string;
const pool = () => getPool(inject('databaseUrl'));
const actor = () => ({ pool: pool(), workspace: tw.workspace, userId: tw.admin.id });

const base: WebFormDefinition = {
  object: 'lead',
  name: 'trial',
  label: { en: 'Free trial', zh: '免费试用' },
  active: true,
  fields: [
    { field: 'name', required: true },
    { field: 'company', label: { en: 'Company', zh: '公司名称' }, required: true },
    { field: 'email' },
    { field: 'region' },
    { field: 'description' },
  ],
  hiddenValues: { source: 'web' },
  allowedOrigins: ['https://www.example.com'],
  rateLimit: { perIpPerMinute: 1000, perFormPerMinute: 5000 },
};

async function saveForm(form: WebFormDefinition): Promise<void> {
  await webFormKind.verbs.save(actor(), form);
}

const count = async (sql: string, params: unknown[] = []) => Number((await pool().query<{ n: string }>(sql, params)).rows[0].n);
const leads = (where = 'TRUE', params: unknown[] = []) => count(`SELECT count(*) AS n FROM "${tw.workspace.schema}"."lead" WHERE ${where}`, params);
const submissions = (status: string, form = 'trial') =>
  count('SELECT count(*) AS n FROM form_submissions WHERE workspace_id = $1 AND form = $2 AND status = $3', [tw.workspace.id, form, status]);

beforeAll(async () => {
  tw = await createTestWorkspace('wf');
  ws = tw.workspace.name;
  await saveForm(base);
});

describe('public web forms', () => {
  it('takes a thousand submissions twenty at a time from many addresses: 750 leads, 50 kept with their errors, 200 spam dropped, none lost', async () => {
    const bodies = Array.from({ length: 1000 }, (_, i) => {
      if (i % 20 === 7) return { name: `Invalid ${i}`, email: 'not-an-address', region: 'south' }; // 50: no company, bad e-mail
      if (i % 5 === 1) return { name: `Bot ${i}`, company: 'Spam Inc', homepage: 'http://spam.example' }; // 200
      return { name: `Visitor ${i}`, company: `公司 ${i}`, email: `v${i}@example.com`, region: 'south' };
    });
    const statuses: number[] = [];
    for (let at = 0; at < bodies.length; at += 20) {
      const batch = bodies.slice(at, at + 20).map((b, j) => submit(ws, 'trial', b, { ip: `10.1.${Math.floor((at + j) / 250)}.${(at + j) % 250}` }));
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(950);
    expect(statuses.filter((s) => s === 422)).toHaveLength(50);
    expect(await leads(`source = 'web' AND name LIKE 'Visitor %'`)).toBe(750);
    expect(await leads(`name LIKE 'Bot %' OR name LIKE 'Invalid %'`)).toBe(0);
    expect([await submissions('processed'), await submissions('failed'), await submissions('spam'), await submissions('received')]).toEqual([750, 50, 200, 0]);
    const failed = await pool().query<{ errors: { field: string; code: string }[]; body: { name: string } }>(
      `SELECT errors, body FROM form_submissions WHERE workspace_id = $1 AND form = 'trial' AND status = 'failed' LIMIT 1`,
      [tw.workspace.id],
    );
    expect(failed.rows[0].body.name).toMatch(/^Invalid /);
    expect(failed.rows[0].errors.map((e) => e.field)).toEqual(['company']);
  });

  it('writes as the Website principal, with the default owner when no rule sets one, through the record service', async () => {
    const rep = await tw.addUser('Rep One', { permissionSets: ['sales_rep'] });
    await saveForm({ ...base, name: 'owned', defaultOwner: rep.email });
    expect((await submit(ws, 'owned', { name: 'Owned Lead', company: 'Acme' })).status).toBe(200);
    const row = (await pool().query(`SELECT owner, created_by FROM "${tw.workspace.schema}"."lead" WHERE name = 'Owned Lead'`)).rows[0];
    expect(row.owner).toBe(rep.id);
    const website = (await pool().query('SELECT id, name, password_hash FROM users WHERE email = $1', [websiteEmail(tw.workspace)])).rows[0];
    expect(website).toMatchObject({ id: row.created_by, name: 'Website', password_hash: null });
    expect((await submit(ws, 'trial', { name: 'Unowned Lead', company: 'Acme' })).status).toBe(200);
    expect((await pool().query(`SELECT owner FROM "${tw.workspace.schema}"."lead" WHERE name = 'Unowned Lead'`)).rows[0].owner).toBe(website.id);
  });

  it('answers 422 naming each field in the visitor language (Accept-Language, then lang, then the form default)', async () => {
    const zh = await submit(ws, 'trial', { name: '张三', email: 'bad' }, { lang: 'zh-CN,zh;q=0.9' });
    expect(zh.status).toBe(422);
    const byField = Object.fromEntries(zh.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(byField.company).toBe('请填写公司名称');
    const en = await submit(ws, 'trial', { name: 'Jane', email: 'bad', company: 'Acme' }, { lang: 'en-US' });
    expect(en.body.error.details).toEqual([expect.objectContaining({ field: 'email', message: 'Email must be a valid email address' })]);
    const byLang = await submit(ws, 'trial', { name: 'Jane' }, { lang: 'en-US', query: 'lang=zh' });
    expect(byLang.body.error.details[0].message).toBe('请填写公司名称');
    // contact_us is a Chinese form: a browser asking for neither language gets Chinese.
    const stock = await submit(ws, 'contact_us', { name: 'Jean' }, { lang: 'fr-FR' });
    expect(stock.body.error.details[0].message).toBe('请填写公司名称');
  });

  it('accepts only the declared fields, refuses __proto__, and takes JSON and urlencoded alike', async () => {
    const extra = await submit(ws, 'trial', { name: 'A', company: 'B', owner: tw.admin.id, status: 'qualified' });
    expect(extra.status).toBe(422);
    expect(extra.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['owner', 'status']);
    const proto = await submit(ws, 'trial', '{"name":"A","company":"B","__proto__":{"x":1}}');
    expect(proto.status).toBe(400);
    const protoForm = await submit(ws, 'trial', 'name=A&company=B&__proto__=x', { type: 'form' });
    expect(protoForm.status).toBe(400);
    const wrongType = await submit(ws, 'trial', { name: { first: 'A' }, company: 'B' });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error.details[0].field).toBe('name');
    const text = await submit(ws, 'trial', 'name=A', { type: 'text/plain' });
    expect(text.status).toBe(415);
    const form = await submit(ws, 'trial', { name: 'Url Encoded', company: '表单公司', region: 'north' }, { type: 'form' });
    expect(form.status).toBe(200);
    expect(form.body.ok).toBe(true);
    expect(await leads(`name = 'Url Encoded' AND company = '表单公司' AND region = 'north' AND source = 'web'`)).toBe(1);
  });

  it('answers a browser form post with a redirect: to the thank-you page, or back to the form with its errors', async () => {
    const ok = await submit(ws, 'trial', { name: 'Browser', company: 'Acme' }, { type: 'form', accept: 'text/html,application/xhtml+xml' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/f/${ws}/trial/thanks?lang=en`);
    const bad = await submit(ws, 'trial', { name: 'Browser' }, { type: 'form', accept: 'text/html' });
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toMatch(new RegExp(`^/f/${ws}/trial\\?submission=[0-9a-f-]{36}$`));
  });

  it('refuses a body over 64 KB while reading it (413), storing nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM form_submissions WHERE workspace_id = $1', [tw.workspace.id]);
    const res = await submit(ws, 'trial', { name: 'Big', company: 'B', description: 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count('SELECT count(*) AS n FROM form_submissions WHERE workspace_id = $1', [tw.workspace.id])).toBe(before);
  });

  it('grants CORS to the allowed origins only; a post from another origin is not processed', async () => {
    const ok = await preflight(ws, 'trial', 'https://www.example.com');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.example.com');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    const other = await preflight(ws, 'trial', 'https://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const posted = await submit(ws, 'trial', { name: 'Cors Ok', company: 'Acme' }, { origin: 'https://www.example.com' });
    expect([posted.status, posted.headers.get('access-control-allow-origin')]).toEqual([200, 'https://www.example.com']);
    const evil = await submit(ws, 'trial', { name: 'Cors Evil', company: 'Acme' }, { origin: 'https://evil.example' });
    expect([evil.status, evil.headers.get('access-control-allow-origin')]).toEqual([403, null]);
    expect(await leads(`name = 'Cors Evil'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM form_submissions WHERE workspace_id = $1 AND body->>'name' = 'Cors Evil'`, [tw.workspace.id])).toBe(0);
    // The form's own page (same host) may post.
    expect((await submit(ws, 'trial', { name: 'Same Site', company: 'Acme' }, { origin: 'http://crm.example.test' })).status).toBe(200);
  });

  it('rate-limits per address (429 with Retry-After, then accepts again) before the form, and spam does not use up the form', async () => {
    setRateWindowForTests(2);
    try {
      await saveForm({ ...base, name: 'limited', rateLimit: { perIpPerMinute: 3, perFormPerMinute: 4 } });
      const one = (i: number, ip = '10.9.0.1') => submit(ws, 'limited', { name: `Limited ${i}`, company: 'Acme' }, { ip });
      expect([(await one(1)).status, (await one(2)).status, (await one(3)).status]).toEqual([200, 200, 200]);
      const refused = await one(4);
      expect(refused.status).toBe(429);
      expect(refused.body.error.details[0].code).toBe('webForm.rate.ip');
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(2);
      // Spam from many addresses is dropped before the form's count...
      for (let i = 0; i < 10; i++) expect((await submit(ws, 'limited', { name: 'Bot', company: 'X', homepage: 'x' }, { ip: `10.9.1.${i}` })).status).toBe(200);
      await new Promise((r) => setTimeout(r, wait * 1000 + 200));
      // ...so real visitors still get in after the window, and the form's own limit is counted across addresses.
      const after = await Promise.all([1, 2, 3, 4, 5].map((i) => one(10 + i, `10.9.2.${i}`)));
      expect(after.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 429]);
      expect(after.find((r) => r.status === 429)!.body.error.details[0].code).toBe('webForm.rate.form');
      expect(await leads(`name LIKE 'Limited %'`)).toBe(7);
    } finally {
      setRateWindowForTests(60);
    }
  });

  it('answers 404 for an unknown or inactive form and workspace', async () => {
    await saveForm({ ...base, name: 'closed', active: false });
    for (const [w, f] of [
      [ws, 'closed'],
      [ws, 'nothing'],
      ['no_such_ws', 'trial'],
      ['../x', 'trial'],
    ]) {
      const res = await submit(w, f, { name: 'A', company: 'B' });
      expect(res.status).toBe(404);
    }
  });

  it('cross-checks a form with pointers: unknown, read-only and lookup fields, uncovered required fields, bad hidden values, duplicate names', async () => {
    const bad = {
      ...base,
      name: 'broken',
      fields: [{ field: 'nothing' }, { field: 'owner' }, { field: 'company' }, { field: 'company' }],
      hiddenValues: { source: 'tv' },
      honeypot: 'company',
    } as WebFormDefinition;
    let pointers: string[] = [];
    try {
      await webFormKind.verbs.save(actor(), bad);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      pointers = e.details.map((d) => `${d.pointer} ${d.code}`);
    }
    expect(pointers.sort()).toEqual(
      [
        '/fields/0/field webForm.field',
        '/fields/1/field webForm.readOnly',
        '/fields/3/field webForm.fieldTwice',
        '/hiddenValues/source webForm.hiddenValue',
        '/fields webForm.requiredMissing',
        '/honeypot webForm.honeypot',
      ].sort(),
    );
    const opp = { ...base, object: 'opportunity', name: 'trial', fields: [{ field: 'account' }], hiddenValues: {} } as WebFormDefinition;
    let dup: string[] = [];
    try {
      await webFormKind.verbs.save(actor(), opp);
    } catch (e) {
      dup = (e as AppError).details.map((d) => `${d.pointer} ${d.code}`);
    }
    expect(dup).toEqual(expect.arrayContaining(['/name webForm.duplicate', '/fields/0/field webForm.fieldType']));
  });
});
