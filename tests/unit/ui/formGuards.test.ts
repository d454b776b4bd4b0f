/** The generated form's own checks: unreadable numbers block saving; Enter in a picker never submits. */
import { describe, expect, it } from 'vitest';
import { keepEnterInPickers, unreadableNumbers } from '../../../platform/ui/form/formGuards';

describe('unreadableNumbers', () => {
  const schema = { properties: { amount: { type: 'number' }, qty: { type: 'integer' }, name: { type: 'string' } } };
  it('names number properties still holding typed text, and only those', () => {
    expect(unreadableNumbers(schema, { amount: '12abc', qty: 3, name: 'abc' })).toEqual(['amount']);
    expect(unreadableNumbers(schema, { amount: 120000, qty: 'x', name: '12abc' })).toEqual(['qty']);
    expect(unreadableNumbers(schema, { amount: undefined, qty: '' })).toEqual([]);
  });
});

describe('keepEnterInPickers', () => {
  const event = (key: string, inPicker: boolean) => {
    let prevented = false;
    const target = { closest: (sel: string) => (inPicker && sel === '.ant-picker' ? {} : null) } as unknown as EventTarget;
    return {
      key,
      target,
      preventDefault: () => (prevented = true),
      get prevented() {
        return prevented;
      },
    };
  };
  it('stops the implicit submission of Enter inside a date picker only', () => {
    const inPicker = event('Enter', true);
    keepEnterInPickers(inPicker);
    expect(inPicker.prevented).toBe(true);
    const inText = event('Enter', false);
    keepEnterInPickers(inText);
    expect(inText.prevented).toBe(false);
    const tab = event('Tab', true);
    keepEnterInPickers(tab);
    expect(tab.prevented).toBe(false);
  });
});
