'use client';
/** Deleted records of an object, most recent first, each restorable. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Table, Typography } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { appErrorOf } from './errors';
import { useT } from './i18n';
import { useTRPC } from './trpc';
import type { ObjectInfo, RecordValues } from './types';

export function RecycleBin({ object }: { object: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr, label } = useT();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const list = useQuery(trpc.records.recycleBin.queryOptions({ object, cursor: cursors[cursors.length - 1] }));
  const restore = useMutation(
    trpc.records.restore.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
        message.success(tr('ui.restored'));
      },
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );
  const info = meta.data?.object as unknown as ObjectInfo | undefined;
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {tr('ui.recycleBin')}
          {info ? ` · ${label(info.pluralLabel)}` : ''}
        </Typography.Title>
      }
      extra={<Link href={`/o/${object}`}>{tr('ui.backToList')}</Link>}
    >
      <Table<RecordValues>
        rowKey={(r) => String(r.id)}
        loading={list.isFetching}
        dataSource={(list.data?.records ?? []) as RecordValues[]}
        pagination={false}
        locale={{ emptyText: tr('ui.empty') }}
        columns={[
          { key: 'name', title: info ? label(info.fields.find((f) => f.name === 'name')?.label ?? info.label) : '', render: (_, r) => String(r.name ?? '') },
          { key: 'deleted_at', title: tr('ui.deletedAt'), render: (_, r) => (r.deleted_at ? new Date(String(r.deleted_at)).toLocaleString(undefined) : '') },
          {
            key: 'restore',
            title: '',
            render: (_, r) => (
              <Button size="small" onClick={() => restore.mutate({ object, id: String(r.id) })}>
                {tr('ui.restore')}
              </Button>
            ),
          },
        ]}
      />
      <div style={{ marginTop: 16, display: 'flex', gap: 8 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {tr('ui.page.prev')}
        </Button>
        <Button disabled={!list.data?.nextCursor} onClick={() => setCursors((c) => [...c, list.data!.nextCursor])}>
          {tr('ui.page.next')}
        </Button>
      </div>
    </Card>
  );
}
