/**
 * The report REST API: shapes and errors as everywhere (unknown field 422 with its pointer, wrong
 * types, `__proto__`, a huge body, a cross-site POST), saved reports with `?filter=`, and exports
 * whose CSV and XLSX, parsed back, hold exactly the rows the screen shows.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import * as exportRoute from '../../../app/api/v1/reports/[name]/export/route';
import { createAjv } from '../../../platform/metadata/ajv';
import { runReport } from '../../../platform/reports/run';
import { reportDefinition } from '../../../platform/reports/saved';
import { expectError, filterParam } from '../api/api';
import { createSecOrg, SEES, type SecOrg, type Who } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
beforeAll(async () => {
  org = await createSecOrg('represt');
});

const def = { object: 'opportunity', format: 'summary', groupings: [{ field: 'stage' }], aggregates: [{ fn: 'sum', field: 'amount' }] };

/** RFC 4180 CSV as rows of fields (quotes doubled inside quoted fields). */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      row.push(field);
      field = '';
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function download(who: Who, name: string, format: string, lang = 'en') {
  const req = new Request(`http://localhost/api/v1/reports/${name}/export?format=${format}`, {
    headers: { authorization: `Bearer ${org.keys[who].key}`, 'accept-language': lang },
  });
  const res = await exportRoute.GET(req, { params: Promise.resolve({ name }) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('report REST', () => {
  it('GET /reports lists what the caller may see; POST /reports/run runs a definition in the issue shape', async () => {
    const list = await org.api('rep_a1').get('/api/v1/reports');
    expect(list.status).toBe(200);
    expect(list.body.reports.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['pipeline_by_stage', 'won_by_rep_by_month']));
    const run = await org.api('manager_b').post('/api/v1/reports/run', def);
    expect(run.status).toBe(200);
    expect(Object.keys(run.body)).toEqual(expect.arrayContaining(['columns', 'groups', 'rows', 'totals', 'rowCount', 'truncated']));
    expect(run.body.totals).toEqual({ sum_amount: 30_000 * SEES.manager_b.length });
    expect(run.body.groups[0]).toEqual(expect.objectContaining({ key: 'discovery', label: 'Discovery', aggregates: { sum_amount: 20_000 * SEES.manager_b.length } }));
  });

  it('GET /reports/{name}/run adds ?filter= conditions; an unknown or invisible report is 404', async () => {
    const api = org.api('admin');
    const res = await api.get(`/api/v1/reports/pipeline_by_stage/run?${filterParam({ field: 'owner', op: 'eq', value: org.users.rep_b1.id })}`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({ count: 1, amount: 20_000 });
    expect(res.body.groups[0].drill).toEqual({
      all: [
        { field: 'stage', op: 'not_in', value: ['closed_won', 'closed_lost'] },
        { field: 'owner', op: 'eq', value: org.users.rep_b1.id },
        { field: 'stage', op: 'eq', value: 'discovery' },
      ],
    });
    expectError(await api.get('/api/v1/reports/nothing_here/run'), 404, 'NOT_FOUND');
    expectError(await api.get('/api/v1/reports/pipeline_by_stage/run?filter=%7Bnot-json'), 400, 'INVALID_FILTER');
  });

  it('errors: unknown and hidden fields with pointers, wrong types, __proto__, a huge body, a cross-site POST', async () => {
    const rep = org.api('rep_a1');
    const unknown = expectError(await rep.post('/api/v1/reports/run', { ...def, groupings: [{ field: 'nothing' }] }), 422, 'VALIDATION_FAILED');
    expect(unknown.details.map((d) => [d.pointer, d.field])).toEqual([['/groupings/0/field', 'nothing']]);
    const hidden = expectError(await rep.post('/api/v1/reports/run', { object: 'contract', format: 'tabular', columns: ['name', 'cost'] }), 422, 'VALIDATION_FAILED');
    expect(hidden.details.map((d) => d.pointer)).toEqual(['/columns/1']);
    const types = expectError(await rep.post('/api/v1/reports/run', { object: 'opportunity', format: 'pie', groupings: 'stage', rowLimit: 'many' }), 422, 'VALIDATION_FAILED');
    expect(types.details.map((d) => d.pointer).sort()).toEqual(['/format', '/groupings', '/rowLimit']);
    expectError(await rep.post('/api/v1/reports/run', '{"object":"opportunity","format":"summary","__proto__":{"x":1}}'), 400, 'BAD_REQUEST');
    expectError(await rep.post('/api/v1/reports/run', { ...def, description: 'x'.repeat(1_100_000) }), 413, 'PAYLOAD_TOO_LARGE');
    const crossSite = await rep.post('/api/v1/reports/run', def, {
      auth: null,
      headers: { cookie: 'tessera_session=x', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(expectError(crossSite, 403, 'FORBIDDEN').details[0].code).toBe('csrf');
    expectError(await rep.get('/api/v1/reports/run'), 405, 'METHOD_NOT_ALLOWED');
  });

  it("CSV and XLSX of a tabular report hold exactly the rows on screen, in the caller's language", async () => {
    await org.sql(`UPDATE ${'"' + org.tw.workspace.schema + '"'}."opportunity" SET name = name || ' 深圳' WHERE owner = $1`, [org.users.rep_a1.id]);
    const admin = await org.ctx('admin');
    await import('../../../platform/reports/service').then((s) =>
      s.saveReport(admin, {
        object: 'opportunity',
        format: 'tabular',
        columns: ['name', 'amount', 'stage', 'close_date', 'owner'],
        sort: ['name:asc'],
        name: 'all_deals',
        label: { en: 'All deals', zh: '全部商机' },
        visibility: 'public',
      }),
    );
    const ctx = await org.ctx('manager_a');
    const screen = await runReport(ctx, reportDefinition(ctx, 'all_deals'));
    expect(screen.rows).toHaveLength(6);
    const expected = screen.rows.map((r) => [r.name, r.amount, r['amount$currency'], r.stage, r.close_date, r.owner]);

    const csv = await download('manager_a', 'all_deals', 'csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parse(csv.bytes.toString('utf8').slice(1)) as string[][];
    expect(parsed[0]).toEqual(['Opportunity name', 'Amount', 'Amount (currency)', 'Stage', 'Close date', 'Owner']);
    expect(parsed.slice(1)).toEqual(expected.map((r) => r.map(String)));
    expect(parsed.some((r) => r[0].includes('深圳'))).toBe(true);

    const xlsx = await download('manager_a', 'all_deals', 'xlsx');
    expect(xlsx.status).toBe(200);
    const rows = await xlsxRows(xlsx.bytes);
    expect(rows.slice(1)).toEqual(expected);
  });

  it('a summary exports its grouped table with the total; reps may not export', async () => {
    const n = SEES.gm.length;
    const csv = await download('gm', 'pipeline_by_stage', 'csv');
    expect(parse(csv.bytes.toString('utf8').slice(1))).toEqual([
      ['Stage', 'Opportunities', 'Amount'],
      ['Discovery', String(n), String(20_000 * n)],
      ['Total', String(n), String(20_000 * n)],
    ]);
    const zh = await download('gm', 'pipeline_by_stage', 'xlsx', 'zh-CN');
    expect(zh.headers.get('content-disposition')).toContain(encodeURIComponent('各阶段商机.xlsx'));
    expect(await xlsxRows(zh.bytes)).toEqual([
      ['阶段', '商机数', '金额'],
      ['初步接洽', n, 20_000 * n],
      ['合计', n, 20_000 * n],
    ]);
    const denied = await download('rep_a1', 'pipeline_by_stage', 'csv');
    expect(denied.status).toBe(403);
    expect((await download('gm', 'pipeline_by_stage', 'pdf')).status).toBe(400);
  });

  it('the OpenAPI document describes the report, kanban, stage history and approval endpoints, and a real result validates', async () => {
    const api = org.api('manager_a');
    const doc = (await api.get('/api/v1/openapi.json')).body;
    for (const path of [
      '/api/v1/reports',
      '/api/v1/reports/run',
      '/api/v1/reports/{name}/run',
      '/api/v1/reports/{name}/export',
      '/api/v1/kanban/{object}',
      '/api/v1/records/{object}/{id}/stage-history',
      '/api/v1/records/{object}/{id}/approval',
      '/api/v1/approvals/pending',
      '/api/v1/approvals/{requestId}/{action}',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const validate = createAjv().compile(doc.components.schemas.ReportResult);
    const matrix = await api.post('/api/v1/reports/run', {
      object: 'opportunity',
      format: 'matrix',
      groupings: [{ field: 'owner' }],
      columnGroupings: [{ field: 'stage' }],
      aggregates: [{ fn: 'sum', field: 'amount' }],
    });
    expect(validate(matrix.body), JSON.stringify(validate.errors)).toBe(true);
  });
});
