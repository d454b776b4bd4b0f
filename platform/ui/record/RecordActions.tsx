'use client';
/** The record's action bar: edit and delete as permitted, disabled while the record is locked in approval. */
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useRouter } from 'next/navigation';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { NavButton } from '../NavButton';
import { useTRPC } from '../trpc';
import type { RecordValues } from '../types';

export function RecordActions({ object, record, locked, lockNoteId }: { object: string; record: RecordValues; locked: boolean; lockNoteId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr } = useT();
  const id = String(record.id);
  const del = useMutation(
    trpc.records.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
        message.success(tr('ui.deleted'));
        router.push(`/o/${object}`);
      },
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );
  const describedBy = locked ? lockNoteId : undefined;
  return (
    <Space wrap>
      {record.$can?.edit && (
        <NavButton href={`/o/${object}/${id}/edit`} icon={<EditOutlined />} disabled={locked} aria-describedby={describedBy}>
          {tr('ui.edit')}
        </NavButton>
      )}
      {record.$can?.delete && (
        <Popconfirm
          title={tr('ui.confirmDelete')}
          okText={tr('ui.delete')}
          cancelText={tr('ui.cancel')}
          disabled={locked}
          onConfirm={() => del.mutate({ object, id, expectedVersion: record.version })}
        >
          <Button danger icon={<DeleteOutlined />} loading={del.isPending} disabled={locked} aria-describedby={describedBy}>
            {tr('ui.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
