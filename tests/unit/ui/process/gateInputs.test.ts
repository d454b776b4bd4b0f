import { describe, expect, it } from 'vitest';
import { gateInputs } from '../../../../platform/ui/process/gateInputs';
import type { ProcessInfo, StageInfo } from '../../../../platform/ui/process/types';

const stage = (value: string, gate: StageInfo['gate'] = [], extra: Partial<StageInfo> = {}): StageInfo => ({
  value,
  label: { en: value, zh: value },
  probability: 0,
  forecast: 'pipeline',
  won: false,
  lost: false,
  active: true,
  color: null,
  gate,
  ...extra,
});
const field = (name: string) => ({ field: name, message: null, condition: false });
const proc: ProcessInfo = {
  name: 'sale',
  label: { en: 'Sale', zh: '销售' },
  description: null,
  isDefault: true,
  active: true,
  layout: null,
  stages: [
    stage('new'),
    stage('proposal', [field('amount'), field('close_date')]),
    stage('negotiation', [{ field: 'quote_count', message: null, condition: true }]),
    stage('won', [], { won: true }),
    stage('lost', [field('loss_reason')], { lost: true }),
  ],
};
const editable = new Set(['amount', 'close_date', 'loss_reason', 'stage']);

describe('the inputs a move asks for', () => {
  it('a lost stage asks only for its own fields', () => {
    expect(gateInputs(proc, { stage: 'new' }, 'stage', proc.stages[4], editable)).toEqual(['loss_reason']);
  });
  it('a forward move asks for the empty fields of every stage passed, not the filled ones', () => {
    expect(gateInputs(proc, { stage: 'new', amount: 5 }, 'stage', proc.stages[3], editable)).toEqual(['close_date']);
  });
  it('condition gates and fields the form does not offer are left to the server', () => {
    expect(gateInputs(proc, { stage: 'proposal', amount: 1, close_date: '2027-01-01' }, 'stage', proc.stages[2], editable)).toEqual([]);
    expect(gateInputs(proc, { stage: 'new' }, 'stage', proc.stages[4], new Set())).toEqual([]);
  });
  it('a move back checks only the target', () => {
    expect(gateInputs(proc, { stage: 'won' }, 'stage', proc.stages[1], editable)).toEqual(['amount', 'close_date']);
  });
});
