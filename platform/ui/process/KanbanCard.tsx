'use client';
/** One record on the kanban: its name (a link), amount, lookups' names and owner; dragged, or moved with its select. */
import { Select, Typography } from 'antd';
import { displayValue } from '../format';
import { useT } from '../i18n';
import { RecordLink } from '../RecordLink';
import type { FieldInfo, RecordValues } from '../types';
import type { StageInfo } from './types';

export interface CardFields {
  name: string;
  amount?: FieldInfo;
  /** Lookups shown by name (the first non-system lookup, e.g. the account) and the owner. */
  lookups: FieldInfo[];
}

export function KanbanCard({
  object,
  record,
  stage,
  stages,
  fields,
  canMove,
  busy,
  onMove,
  onDragStart,
  onDragEnd,
}: {
  object: string;
  record: RecordValues;
  stage: string;
  stages: StageInfo[];
  fields: CardFields;
  canMove: boolean;
  busy: boolean;
  onMove(record: RecordValues, stage: string): void;
  onDragStart(record: RecordValues): void;
  onDragEnd(): void;
}) {
  const { tr, label, locale } = useT();
  const name = String(record[fields.name] ?? record.id ?? '');
  const amount = fields.amount ? displayValue(fields.amount, record, locale) : '';
  return (
    <article
      aria-label={name}
      draggable={canMove}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', name);
        onDragStart(record);
      }}
      onDragEnd={onDragEnd}
      style={{ background: '#fff', border: '1px solid #e5e7eb', borderRadius: 8, padding: '10px 12px', cursor: canMove ? 'grab' : 'default', opacity: busy ? 0.6 : 1 }}
    >
      <Typography.Title level={3} style={{ fontSize: 14, margin: '0 0 4px' }}>
        <RecordLink object={object} recordId={record.id} draggable={false}>
          {name}
        </RecordLink>
      </Typography.Title>
      {amount && <div style={{ fontWeight: 600 }}>{amount}</div>}
      {fields.lookups.map((f) => {
        const shown = record.$names?.[f.name];
        return shown ? (
          <div key={f.name} style={{ fontSize: 12 }}>
            <Typography.Text type="secondary">{`${label(f.label)}: `}</Typography.Text>
            {shown}
          </div>
        ) : null;
      })}
      {canMove && (
        <Select
          size="small"
          style={{ width: '100%', marginTop: 8 }}
          aria-label={tr('kanban.moveCard', { name })}
          value={stage}
          disabled={busy}
          options={stages.map((s) => ({ value: s.value, label: label(s.label) }))}
          onChange={(v) => {
            if (v !== stage) onMove(record, v);
          }}
        />
      )}
    </article>
  );
}
