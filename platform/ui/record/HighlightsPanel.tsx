'use client';
/** The top of a record page: object, name, owner and the layout's key fields at a glance, with the record's actions. */
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { displayValue } from '../format';
import { useT } from '../i18n';
import type { FieldInfo, ObjectInfo, RecordValues } from '../types';

export function HighlightsPanel(props: { info: ObjectInfo; record: RecordValues; fields: Map<string, FieldInfo>; highlights: string[]; actions: ReactNode; children?: ReactNode }) {
  const { tr, label, locale } = useT();
  const { info, record, fields } = props;
  const owner = fields.get('owner');
  const shown = props.highlights.filter((f) => fields.has(f) && f !== 'owner' && f !== info.nameField);
  const cell = (key: string, title: string, value: ReactNode) => (
    // Two to a row on a phone, six across a desktop.
    <div key={key} style={{ minWidth: 110, flex: '1 1 120px', maxWidth: 260 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {title}
      </Typography.Text>
      <div style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{value || '—'}</div>
    </div>
  );
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{label(info.label)}</Typography.Text>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0, overflowWrap: 'anywhere' }}>
            {String(record.name ?? '')}
          </Typography.Title>
        </div>
        <div>{props.actions}</div>
      </div>
      <section aria-label={tr('rec.highlights')} style={{ display: 'flex', flexWrap: 'wrap', gap: '12px 16px', marginTop: 16 }}>
        {owner && cell('owner', tr('rec.owner'), displayValue(owner, record, locale))}
        {shown.map((f) => cell(f, label(fields.get(f)!.label), displayValue(fields.get(f)!, record, locale)))}
      </section>
      {props.children}
    </Card>
  );
}
