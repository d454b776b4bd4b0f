'use client';
/** Change a record's owner: pick an active user; saved through the record service like any edit. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Select } from 'antd';
import { useId, useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { RecordValues } from '../types';

export function ChangeOwnerDialog({ object, record, onClose }: { object: string; record: RecordValues; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr } = useT();
  const [search, setSearch] = useState('');
  const [owner, setOwner] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const users = useQuery(trpc.account.findUsers.queryOptions({ search }));
  const save = useMutation(
    trpc.records.update.mutationOptions({
      onSuccess: async () => {
        message.success(tr('rec.changeOwner.done'));
        await queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
        onClose();
      },
      onError: (e) => setError(appErrorOf(e)?.message ?? null),
    }),
  );
  return (
    <Modal
      open
      title={tr('rec.changeOwner.title', { name: String(record.name ?? '') })}
      okText={tr('ui.save')}
      cancelText={tr('ui.cancel')}
      okButtonProps={{ disabled: !owner }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => owner && save.mutate({ object, id: String(record.id), values: { owner }, expectedVersion: record.version })}
    >
      {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label={tr('rec.changeOwner.user')} htmlFor={inputId}>
          <Select
            id={inputId}
            showSearch={{ filterOption: false, onSearch: setSearch }}
            value={owner}
            onChange={setOwner}
            loading={users.isFetching}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
