'use client';
/** The key fields of an approval item's record (its amount first), formatted as lists and record pages format them. */
import { displayValue } from '../format';
import { useT } from '../i18n';
import type { FieldInfo, RecordValues } from '../types';

export function InboxDetails({ fields, record }: { fields: FieldInfo[]; record: RecordValues | undefined }) {
  const { label, locale } = useT();
  if (!record) return null;
  const shown = fields.map((f) => ({ f, value: displayValue(f, record, locale) })).filter((x) => x.value !== '');
  if (!shown.length) return null;
  return (
    <dl className="tessera-inbox-fields">
      {shown.map(({ f, value }) => (
        <div key={f.name}>
          <dt style={{ color: '#595959' }}>{label(f.label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
