'use client';
/** On a converted lead: when it was converted, that it is read-only, and links to what it produced. */
import { Alert, Space } from 'antd';
import Link from 'next/link';
import { useT } from '../i18n';
import type { RecordValues } from '../types';

const LINKS = [
  ['converted_account', 'account', 'conversionUi.account'],
  ['converted_contact', 'contact', 'conversionUi.contact'],
  ['converted_opportunity', 'opportunity', 'conversionUi.opportunity'],
] as const;

export function ConvertedNotice({ record }: { record: RecordValues }) {
  const { tr, locale } = useT();
  if (!record.converted_at) return null;
  const links = LINKS.filter(([field]) => typeof record[field] === 'string');
  return (
    <Alert
      role="status"
      showIcon
      type="success"
      style={{ marginTop: 16 }}
      title={tr('conversionUi.converted', { date: new Date(String(record.converted_at)).toLocaleDateString(locale, { dateStyle: 'medium' }) })}
      description={
        links.length > 0 && (
          <Space wrap size={[12, 4]}>
            {tr('conversionUi.produced')}
            {links.map(([field, object]) => (
              <Link key={field} href={`/o/${object}/${String(record[field])}`}>
                {record.$names?.[field] ?? String(record[field])}
              </Link>
            ))}
          </Space>
        )
      }
    />
  );
}
