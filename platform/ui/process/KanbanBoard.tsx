'use client';
/**
 * The kanban of an object's sales process: a column per stage with its count and amount total,
 * cards paged per column, a process selector and search. Cards move by drag and drop or by their
 * "Move to" select (the keyboard and screen-reader way); the server checks the stage's gates and
 * a refusal lists what is missing, as on the record's path.
 */
import { UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { UserSelect } from '../list/UserSelect';
import { NavButton } from '../NavButton';
import { useTRPC } from '../trpc';
import type { FieldInfo, ObjectInfo, RecordValues } from '../types';
import type { CardFields } from './KanbanCard';
import { KanbanColumn, type ColumnData } from './KanbanColumn';
import { MoveRefusalAlert } from './MoveRefusalAlert';
import type { ProcessesInfo } from './types';
import { useMoveToStage } from './useMoveToStage';

function cardFields(info: ObjectInfo, processes: ProcessesInfo): CardFields {
  const byName = new Map(info.fields.map((f) => [f.name, f]));
  const lookup = info.fields.find((f) => f.type === 'lookup' && !f.system && f.name !== 'id');
  return {
    name: info.nameField,
    amount: processes.amountField ? byName.get(processes.amountField) : undefined,
    lookups: [lookup, byName.get('owner')].filter((f): f is FieldInfo => Boolean(f)),
  };
}

export function KanbanBoard({ object }: { object: string }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const [chosen, setChosen] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [owner, setOwner] = useState<string | undefined>();
  const filter = owner ? { field: 'owner', op: 'eq', value: owner } : undefined;
  const [dragged, setDragged] = useState<{ record: RecordValues; from: string } | null>(null);
  const { move, refusal, clearRefusal, pending, variables } = useMoveToStage();
  const processes = meta.data?.processes as ProcessesInfo | null | undefined;
  const proc = processes?.processes.find((p) => p.name === chosen) ?? processes?.processes.find((p) => p.isDefault) ?? processes?.processes[0];
  const board = useQuery({
    ...trpc.process.kanban.queryOptions({ object, process: proc?.name ?? '', search: search || undefined, filter }),
    enabled: Boolean(proc),
    placeholderData: (prev) => prev,
  });

  const err = appErrorOf(meta.error ?? board.error);
  if (meta.error) return <Alert type="error" title={err?.message} />;
  if (!meta.data) return <Card loading />;
  const info = meta.data.object as unknown as ObjectInfo;
  const listButton = (
    <NavButton href={`/o/${object}`} icon={<UnorderedListOutlined />}>
      {tr('kanban.list')}
    </NavButton>
  );
  if (!processes || !proc) {
    return (
      <Card extra={listButton}>
        <Alert type="info" title={tr('kanban.noProcess', { object: label(info.label) })} />
      </Card>
    );
  }
  const fields = cardFields(info, processes);
  const movable = proc.stages.filter((s) => s.active);
  const canMove = meta.data.rights.edit;
  const columns = board.data?.process === proc.name ? (board.data.columns as ColumnData[]) : [];
  const onMove = (record: RecordValues, to: string) => {
    const stage = proc.stages.find((s) => s.value === to);
    move({ object, id: String(record.id), stage: to, expectedVersion: record.version }, stage ? label(stage.label) : to);
  };
  return (
    <Card title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>{`${label(info.pluralLabel)} · ${tr('kanban.title')}`}</Typography.Title>} extra={listButton}>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="kanban-process">{tr('kanban.process')}</label>
        <Select
          id="kanban-process"
          style={{ width: 220 }}
          value={proc.name}
          options={processes.processes.map((p) => ({ value: p.name, label: label(p.label) }))}
          onChange={(v) => {
            setChosen(v);
            clearRefusal();
          }}
        />
        <Input.Search
          aria-label={tr('ui.search', { object: label(info.pluralLabel) })}
          placeholder={tr('ui.search', { object: label(info.pluralLabel) })}
          allowClear
          style={{ width: 260 }}
          onSearch={(q) => setSearch(q.trim())}
        />
        <UserSelect ariaLabel={tr('list.ownerFilter')} placeholder={tr('list.ownerAny')} withMe allowClear width={180} value={owner} onChange={setOwner} />
        {canMove && <Typography.Text type="secondary">{tr('kanban.hint')}</Typography.Text>}
      </Space>
      <MoveRefusalAlert refusal={refusal} onClose={clearRefusal} />
      {board.error && <Alert type="error" role="alert" title={err?.message} style={{ marginBottom: 16 }} />}
      {!board.data && board.isLoading && <Card loading />}
      <div style={{ display: 'flex', gap: 12, overflowX: 'auto', alignItems: 'flex-start', paddingBottom: 8 }} aria-busy={board.isFetching}>
        {columns.map((c) => (
          // A refetch (after a move) starts each column's extra pages afresh.
          <KanbanColumn
            key={`${c.stage}-${board.dataUpdatedAt}`}
            object={object}
            process={proc.name}
            search={search || undefined}
            filter={filter}
            column={c}
            stage={proc.stages.find((s) => s.value === c.stage)}
            stages={movable}
            fields={fields}
            canMove={canMove}
            dragged={dragged}
            movingId={pending ? variables?.id : undefined}
            onMove={onMove}
            onDrag={setDragged}
          />
        ))}
      </div>
    </Card>
  );
}
