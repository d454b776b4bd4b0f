'use client';
/** A stage's column: its header (count, amount total), its cards, "Load more", and the drop target for dragged cards. */
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf } from '../errors';
import { displayValue } from '../format';
import { useT } from '../i18n';
import { useTRPCClient } from '../trpc';
import type { RecordValues } from '../types';
import { KanbanCard, type CardFields } from './KanbanCard';
import type { StageInfo } from './types';

export interface ColumnData {
  stage: string;
  count: number;
  total: number | null;
  records: RecordValues[];
  nextCursor: string | null;
}

export function KanbanColumn({
  object,
  process,
  search,
  filter,
  column,
  stage,
  stages,
  fields,
  canMove,
  dragged,
  movingId,
  onMove,
  onDrag,
}: {
  object: string;
  process: string;
  search?: string;
  /** The board's filter (the owner chosen), for the column's further pages. */
  filter?: unknown;
  column: ColumnData;
  stage: StageInfo | undefined;
  /** Stages a card may move to. */
  stages: StageInfo[];
  fields: CardFields;
  canMove: boolean;
  dragged: { record: RecordValues; from: string } | null;
  movingId: string | undefined;
  onMove(record: RecordValues, to: string): void;
  onDrag(d: { record: RecordValues; from: string } | null): void;
}) {
  const client = useTRPCClient();
  const { tr, label, locale } = useT();
  const [more, setMore] = useState<{ records: RecordValues[]; cursor: string | null }>({ records: [], cursor: column.nextCursor });
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const title = stage ? label(stage.label) : column.stage;
  const droppable = Boolean(dragged && dragged.from !== column.stage && stages.some((s) => s.value === column.stage));
  const loadMore = async () => {
    if (!more.cursor) return;
    setLoading(true);
    setLoadError(null);
    try {
      const page = await client.process.column.query({ object, process, stage: column.stage, cursor: more.cursor, search, filter });
      setMore((m) => ({ records: [...m.records, ...(page.records as RecordValues[])], cursor: page.nextCursor }));
    } catch (e) {
      setLoadError(appErrorOf(e)?.message ?? String(e));
    } finally {
      setLoading(false);
    }
  };
  const accent = stage?.won ? '#389e0d' : stage?.lost ? '#cf1322' : (stage?.color ?? '#1677ff');
  const total = column.total !== null && fields.amount ? displayValue(fields.amount, { [fields.amount.name]: column.total }, locale) : null;
  const records = [...column.records, ...more.records];
  // A card in a stage no longer offered still shows where it is.
  const choices = !stage || stages.some((s) => s.value === stage.value) ? stages : [...stages, stage];
  return (
    <section
      aria-label={title}
      onDragOver={(e) => {
        if (!droppable) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!over) setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (dragged && droppable) onMove(dragged.record, column.stage);
        onDrag(null);
      }}
      style={{
        flex: '1 0 220px',
        minWidth: 220,
        maxWidth: 360,
        background: over ? '#e6f4ff' : '#f0f2f5',
        borderRadius: 8,
        padding: 10,
        borderTop: `3px solid ${accent}`,
        outline: over ? '2px dashed #1677ff' : undefined,
        display: 'flex',
        flexDirection: 'column',
        gap: 8,
      }}
    >
      <header>
        <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tr('kanban.count', { count: column.count })}
          {total !== null && ` · ${tr('kanban.total', { amount: String(total) })}`}
        </Typography.Text>
      </header>
      {records.length === 0 && <Typography.Text type="secondary">{tr('kanban.empty')}</Typography.Text>}
      {records.map((r) => (
        <KanbanCard
          key={String(r.id)}
          object={object}
          record={r}
          stage={column.stage}
          stages={choices}
          fields={fields}
          canMove={canMove}
          busy={movingId === r.id}
          onMove={onMove}
          onDragStart={(rec) => onDrag({ record: rec, from: column.stage })}
          onDragEnd={() => onDrag(null)}
        />
      ))}
      {loadError && (
        <Typography.Text type="danger" role="alert">
          {loadError}
        </Typography.Text>
      )}
      {more.cursor && (
        <Button onClick={loadMore} loading={loading} aria-label={`${tr('kanban.more')}: ${title}`}>
          {tr('kanban.more')}
        </Button>
      )}
    </section>
  );
}
