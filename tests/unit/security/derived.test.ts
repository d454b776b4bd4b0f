/**
 * Who may read a derived field, over the stock metadata: a formula is hidden from a viewer who may
 * not read a field it reads (through lookups, other formulas and roll-ups); a roll-up is hidden when
 * the linking lookup, the summarised child field or a field of its filter is hidden (a child object
 * the viewer cannot read at all hides them all); `safeToShow` shows the value but not its formula.
 */
import { asFormula } from '../../fieldShapes';
import { anyField } from '../../../platform/fields/guards';
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../platform/fields/types';
import { buildMetadata } from '../../../platform/metadata/build';
import { readMetadataDocuments, stockMetadataDir } from '../../../platform/metadata/load';
import type { MetadataModel } from '../../../platform/metadata/model';
import { derivedAccess } from '../../../platform/security/derived';
import { SYSTEM_RIGHTS, type ObjectRights, type SystemRight } from '../../../platform/security/model';
import type { UserPermissions } from '../../../platform/security/permissions';
import { metadataFor } from '../../../platform/security/view';

const L = (en: string) => ({ en, zh: en });

/** The stock metadata with extra fields per object (and stock fields changed by name). */
function metadata(extra: Record<string, FieldDef[]> = {}, changed: Record<string, Record<string, Partial<FieldDef>>> = {}): MetadataModel {
  const { docs } = readMetadataDocuments(stockMetadataDir());
  docs.objects = docs.objects.map(({ file, def }) => ({
    file,
    def: {
      ...def,
      fields: [...def.fields.map((f) => ({ ...f, ...(changed[def.name]?.[f.name] ?? {}) })), ...(extra[def.name] ?? [])] as typeof def.fields,
    },
  }));
  return buildMetadata(docs);
}

/** A viewer reading every object but `unreadable`, and every field but `hidden` ('object.field'). */
function viewer(hidden: string[] = [], unreadable: string[] = []): UserPermissions {
  const rights = (read: boolean): ObjectRights => ({ create: read, read, edit: read, delete: false, viewAll: false, modifyAll: false });
  return {
    admin: false,
    system: Object.fromEntries(SYSTEM_RIGHTS.map((r) => [r, false])) as Record<SystemRight, boolean>,
    object: (name) => rights(!unreadable.includes(name)),
    field: (object, field) => {
      const read = !unreadable.includes(object) && !hidden.includes(`${object}.${field}`);
      return { read, edit: read };
    },
  };
}

const stock = metadata();
const readable = (meta: MetadataModel, perms: UserPermissions, ...refs: string[]) => {
  const access = derivedAccess(meta, perms);
  return Object.fromEntries(refs.map((r) => [r, access.readable(r.split('.')[0], r.split('.')[1])]));
};

describe('stock formulas and roll-ups', () => {
  it('a rep who may not read contract cost does not read the margin; opportunity figures stay', () => {
    expect(
      readable(stock, viewer(['contract.cost']), 'contract.margin', 'contract.amount', 'opportunity.gross_margin', 'account.won_amount', 'account.open_opportunities'),
    ).toEqual({ 'contract.margin': false, 'contract.amount': true, 'opportunity.gross_margin': true, 'account.won_amount': true, 'account.open_opportunities': true });
  });

  it.each<[string, string[], string[], Record<string, boolean>]>([
    ['opportunity cost hidden', ['opportunity.cost'], [], { 'opportunity.gross_margin': false, 'opportunity.approved_expenses': true }],
    // A roll-up's filter field hidden: the roll-up, and the formula reading it, are hidden.
    ['expense status hidden', ['expense.status'], [], { 'opportunity.gross_margin': false, 'opportunity.approved_expenses': false }],
    ['expense amount hidden', ['expense.amount'], [], { 'opportunity.gross_margin': false, 'opportunity.approved_expenses': false }],
    ['opportunity amount hidden', ['opportunity.amount'], [], { 'account.won_amount': false, 'account.open_opportunities': true }],
    ['opportunity forecast hidden', ['opportunity.forecast_category'], [], { 'account.won_amount': false, 'account.open_opportunities': false }],
    // The lookup linking the children is an input as well.
    ['quote opportunity lookup hidden', ['quote.opportunity'], [], { 'opportunity.quote_count': false }],
    // No right on the child object at all: even a count of its records is hidden.
    ['quotes unreadable', [], ['quote'], { 'opportunity.quote_count': false, 'opportunity.gross_margin': true }],
    ['expenses unreadable', [], ['expense'], { 'opportunity.approved_expenses': false, 'opportunity.gross_margin': false }],
  ])('%s', (_what, hidden, unreadable, expected) => {
    expect(readable(stock, viewer(hidden, unreadable), ...Object.keys(expected))).toEqual(expected);
  });
});

describe('formulas through lookups and other formulas', () => {
  const meta = metadata({
    account: [{ name: 'secret', type: 'decimal', label: L('Secret') }],
    contract: [
      { name: 'via_lookup', type: 'formula', label: L('Via lookup'), formula: 'account.secret * 2', returnType: 'number' },
      { name: 'account_name', type: 'formula', label: L('Account name'), formula: 'account.name', returnType: 'text' },
      { name: 'of_margin', type: 'formula', label: L('Of margin'), formula: 'margin / 2', returnType: 'number' },
      { name: 'of_of_margin', type: 'formula', label: L('Of of margin'), formula: 'IF(of_margin > 10, 1, 0)', returnType: 'number' },
    ],
  });

  it('a hidden field of the looked-up object hides the formula', () => {
    expect(readable(meta, viewer(['account.secret']), 'contract.via_lookup', 'contract.account_name')).toEqual({ 'contract.via_lookup': false, 'contract.account_name': true });
  });

  it('a hidden lookup hides what is read through it', () => {
    expect(readable(meta, viewer(['contract.account']), 'contract.via_lookup', 'contract.account_name')).toEqual({ 'contract.via_lookup': false, 'contract.account_name': false });
  });

  it('an object the viewer cannot read hides what is read from it, its name included', () => {
    expect(readable(meta, viewer([], ['account']), 'contract.account_name')).toEqual({ 'contract.account_name': false });
  });

  it('a formula of a formula of a hidden field is hidden', () => {
    expect(readable(meta, viewer(['contract.cost']), 'contract.of_margin', 'contract.of_of_margin')).toEqual({ 'contract.of_margin': false, 'contract.of_of_margin': false });
    expect(readable(meta, viewer(), 'contract.of_margin', 'contract.of_of_margin')).toEqual({ 'contract.of_margin': true, 'contract.of_of_margin': true });
  });

  it('a derived field the viewer may not read itself stays hidden, whatever its inputs', () => {
    expect(readable(meta, viewer(['contract.margin']), 'contract.margin', 'contract.of_margin')).toEqual({ 'contract.margin': false, 'contract.of_margin': false });
  });
});

describe('safe to show', () => {
  const meta = metadata(
    {
      contract: [{ name: 'of_margin', type: 'formula', label: L('Of margin'), formula: 'margin / 2', returnType: 'number' }],
    },
    { contract: { margin: { safeToShow: true } } },
  );
  const rep = viewer(['contract.cost']);

  it('shows the value to a viewer who may read the field itself, and formulas reading it', () => {
    const access = derivedAccess(meta, rep);
    expect([access.readable('contract', 'margin'), access.inputsReadable('contract', 'margin'), access.readable('contract', 'of_margin')]).toEqual([true, false, true]);
    expect(readable(meta, viewer(['contract.cost', 'contract.margin']), 'contract.margin')).toEqual({ 'contract.margin': false });
  });

  it("the viewer's metadata has the field without its formula; those who read the inputs get the formula", () => {
    const margin = metadataFor(meta, rep, 'rep').objects.get('contract')!.fieldMap.get('margin')!;
    expect(margin).toMatchObject({ name: 'margin', returnType: 'percent', scale: 1 });
    expect(anyField(margin).formula).toBeUndefined();
    expect(asFormula(metadataFor(meta, viewer(), 'manager').objects.get('contract')!.fieldMap.get('margin')).formula).toContain('cost');
  });
});

describe("the viewer's metadata", () => {
  it('leaves hidden derived fields out of fields, the field map and related-list columns, and keeps the formulas to compute the others', () => {
    const view = metadataFor(stock, viewer(['contract.cost']), 'rep-view').objects.get('contract')!;
    expect(view.fields.map((f) => f.name)).not.toContain('margin');
    expect(view.fieldMap.has('margin')).toBe(false);
    expect(view.formulas.has('margin')).toBe(true); // the record service computes only the formulas in `fields`
    expect(metadataFor(stock, { ...viewer(['contract.cost']), admin: true }, 'admin')).toBe(stock);
  });

  it('a stock number formula is rounded to its scale, 2 when it declares none', () => {
    expect([stock.objects.get('contract')!.formulas.get('margin')!.scale, stock.objects.get('opportunity')!.formulas.get('gross_margin')!.scale]).toEqual([1, 2]);
  });
});
