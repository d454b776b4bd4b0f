/** Layouts' record-page parts: highlights and tabs are checked with every problem at its pointer, saved, and served to the screens. */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { apiClient, expectError } = await import('../api/api');

let api: Awaited<ReturnType<typeof apiClient>>;
let layout: Record<string, unknown>;

/** The opportunity's default layout as the metadata API serves it. */
async function current(): Promise<Record<string, unknown>> {
  const res = await api.get('/api/v1/metadata/objects/opportunity');
  expect(res.status).toBe(200);
  return (res.body.layouts as { name: string }[]).find((l) => l.name === 'default')!;
}

beforeAll(async () => {
  api = await apiClient('rec_layout');
  layout = await current();
});

describe('layout highlights and tabs', () => {
  it('reports every problem at once, each at its pointer', async () => {
    const bad = {
      ...layout,
      highlights: ['amount', 'ghost', 'amount', 'stage', 'probability', 'close_date', 'account', 'source'],
      tabs: [
        { id: 'related', relatedLists: ['quote.opportunity', 'quote.nothing'] },
        { id: 'activity', sections: ['main', 'nope'] },
        { id: 'related', relatedLists: ['quote.opportunity'], sections: ['main'] },
      ],
    };
    const error = expectError(await api.put('/api/v1/metadata/layouts/opportunity/default', bad), 422, 'METADATA_INVALID');
    const where = (error.details as { pointer: string; code: string }[]).map((d) => [d.pointer, d.code]).sort();
    expect(where).toEqual(
      [
        ['/highlights/1', 'layout.highlights'],
        ['/highlights/2', 'layout.highlights'],
        ['/highlights/7', 'layout.highlights'],
        ['/tabs', 'layout.tabs'],
        ['/tabs/0/relatedLists/1', 'layout.tabs'],
        ['/tabs/1/sections/1', 'layout.tabs'],
        ['/tabs/2/id', 'layout.tabs'],
        ['/tabs/2/relatedLists/0', 'layout.tabs'],
        ['/tabs/2/sections/0', 'layout.tabs'],
      ].sort(),
    );
    const messages = (error.details as { pointer: string; message: string }[]).map((d) => d.message);
    expect(messages).toContain('Highlight "ghost" is not a field of opportunity');
    expect(messages).toContain('At most 6 highlight fields');
    expect(messages).toContain('The tabs must include Details');
  });

  it('refuses a tab that is not one of the four', async () => {
    expectError(await api.put('/api/v1/metadata/layouts/opportunity/default', { ...layout, tabs: [{ id: 'details' }, { id: 'timeline' }] }), 422, 'METADATA_INVALID');
  });

  it('saves a valid choice and serves it back', async () => {
    const good = { ...layout, highlights: ['amount', 'stage'], tabs: [{ id: 'details', relatedLists: ['quote.opportunity'] }, { id: 'history' }] };
    const saved = await api.put('/api/v1/metadata/layouts/opportunity/default', good);
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
    const back = await current();
    expect(back.highlights).toEqual(['amount', 'stage']);
    expect(back.tabs).toEqual([{ id: 'details', relatedLists: ['quote.opportunity'] }, { id: 'history' }]);
  });
});
