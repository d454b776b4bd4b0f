/**
 * The assignment_rule and queue kinds check their documents against the metadata when loaded (as in
 * the designer and packages): every problem with its file and pointer. Conditions run in memory on
 * the record being saved, so related conditions (`with`) and lookup paths are refused here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { loadMetadata } from '../../../platform/metadata/load';

const stockDir = path.resolve(import.meta.dirname, '../../../metadata');

function withFiles(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-assign-'));
  fs.cpSync(stockDir, dir, { recursive: true });
  for (const [file, doc] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), JSON.stringify(doc));
  return dir;
}

function problems(dir: string): string[] {
  try {
    loadMetadata(dir);
  } catch (e) {
    return (e as AppError).details.map((d) => `${d.file}#${d.pointer} ${d.code}`);
  }
  return [];
}

// Loading the whole stock metadata takes seconds on a busy machine.
describe('assignment rule and queue kinds', { timeout: 30_000 }, () => {
  it('load the stock lead_routing rule and unassigned_leads queue', () => {
    const meta = loadMetadata(stockDir);
    const rule = meta.documents?.get('assignment_rule')?.get('lead') as { name: string; entries: { name: string }[] }[];
    expect(rule.map((r) => r.name)).toEqual(['lead_routing']);
    expect(rule[0].entries.map((e) => e.name)).toEqual(['south', 'north', 'east', 'other']);
    expect((meta.documents?.get('queue')?.get('lead') as { label: unknown }[])[0].label).toEqual({ en: 'Unassigned leads', zh: '未分配线索' });
  });

  it('report every problem with its pointer: related conditions, unknown fields, queues, pools, repeats', () => {
    const dir = withFiles({
      'assignment/lead.broken.json': {
        object: 'lead',
        name: 'broken',
        label: { en: 'Broken', zh: '坏' },
        open: { field: 'nope', op: 'eq', value: 1 },
        entries: [
          { name: 'a', when: { with: { object: 'activity', field: 'lead' } }, assignTo: { type: 'queue', queue: 'missing' } },
          { name: 'a', assignTo: { type: 'pool', pool: 'south_pool' } },
          { name: 'c', when: { field: 'region', op: 'eq', value: 'south' }, assignTo: { type: 'roundRobin', members: [{ type: 'role', name: 'x' }], fallbackQueue: 'gone' } },
        ],
      },
      'assignment/ghost.rule.json': { object: 'ghost', name: 'rule', label: { en: 'G', zh: 'G' }, entries: [{ name: 'x', assignTo: { type: 'queue', queue: 'q' } }] },
      'queues/account.unassigned_leads.json': {
        object: 'account',
        name: 'unassigned_leads',
        label: { en: 'Q', zh: '队' },
        members: [
          { type: 'group', name: 'g' },
          { type: 'group', name: 'g' },
        ],
      },
    });
    expect(problems(dir).sort()).toEqual(
      [
        'assignment/lead.broken.json#/open/field filter.unknownField',
        'assignment/lead.broken.json#/entries/0/when/with filter.relatedNotHere',
        'assignment/lead.broken.json#/entries/0/assignTo/queue assignment.queue',
        'assignment/lead.broken.json#/entries/1/name assignment.entryTwice',
        'assignment/lead.broken.json#/entries/1/assignTo/pool assignment.pool',
        'assignment/lead.broken.json#/entries/2/assignTo/fallbackQueue assignment.queue',
        'assignment/ghost.rule.json#/object assignment.object',
        'queues/account.unassigned_leads.json#/members/1 queue.memberTwice',
        'queues/lead.unassigned_leads.json#/name queue.nameTwice',
      ].sort(),
    );
  });
});
