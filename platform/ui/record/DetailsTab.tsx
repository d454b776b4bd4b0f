'use client';
/** The Details tab: the layout's sections with labels and values in aligned columns; empty fields fold away behind a toggle. */
import { Button, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { displayValue } from '../format';
import { useT } from '../i18n';
import type { FieldInfo, RecordValues } from '../types';
import { isEmptyValue } from './emptyFields';

export interface SectionInfo {
  id: string;
  label: string;
  columns: number;
  fields: string[];
}

const SYSTEM_FIELDS = ['owner', 'created_at', 'updated_at', 'created_by', 'updated_by'];

export function DetailsTab({ sections, fields, record }: { sections: SectionInfo[]; fields: Map<string, FieldInfo>; record: RecordValues }) {
  const { tr, label, locale } = useT();
  const [showEmpty, setShowEmpty] = useState(false);
  const all = [...sections, { id: '$system', label: tr('ui.system'), columns: 2, fields: SYSTEM_FIELDS }];
  const placed = all.map((s) => ({ ...s, fields: s.fields.filter((f) => fields.has(f)) }));
  const empty = placed.flatMap((s) => s.fields).filter((f) => isEmptyValue(record[f]));
  const emptySet = new Set(empty);
  return (
    <section aria-label={tr('rec.tab.details')}>
      {placed.map((s) => {
        const shown = showEmpty ? s.fields : s.fields.filter((f) => !emptySet.has(f));
        if (shown.length === 0) return null;
        return (
          <Descriptions
            key={s.id}
            title={
              <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
                {s.label}
              </Typography.Title>
            }
            column={{ xs: 1, sm: 1, md: s.columns, lg: s.columns, xl: s.columns, xxl: s.columns }}
            size="small"
            // A fixed label width lines the values up down each column.
            styles={{ label: { width: 150, minWidth: 110, color: 'rgba(0,0,0,0.65)' }, content: { minWidth: 0, overflowWrap: 'anywhere' } }}
            style={{ marginBottom: 16 }}
            items={shown.map((f) => {
              const field = fields.get(f)!;
              return { key: f, label: label(field.label), children: displayValue(field, record, locale) };
            })}
          />
        );
      })}
      {empty.length > 0 && (
        <Button type="link" style={{ paddingInline: 0 }} aria-expanded={showEmpty} onClick={() => setShowEmpty((v) => !v)}>
          {showEmpty ? tr('rec.hideEmpty') : tr('rec.showEmpty', { count: empty.length })}
        </Button>
      )}
    </section>
  );
}
