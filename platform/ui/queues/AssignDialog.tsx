'use client';
/** "Assign to…": pick an active user for the chosen records of a queue. */
import { useQuery } from '@tanstack/react-query';
import { Form, Modal, Select } from 'antd';
import { useId, useState } from 'react';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';

export function AssignDialog({ count, pending, onCancel, onOk }: { count: number; pending: boolean; onCancel(): void; onOk(user: string): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const [search, setSearch] = useState('');
  const [user, setUser] = useState<string | undefined>();
  const inputId = useId();
  const users = useQuery(trpc.account.findUsers.queryOptions({ search }));
  return (
    <Modal
      open
      title={tr('queueUi.assignTitle', { count })}
      okText={tr('queueUi.assign')}
      cancelText={tr('ui.cancel')}
      okButtonProps={{ disabled: !user }}
      confirmLoading={pending}
      onCancel={onCancel}
      onOk={() => user && onOk(user)}
    >
      <Form layout="vertical">
        <Form.Item label={tr('queueUi.assignUser')} htmlFor={inputId}>
          <Select
            id={inputId}
            showSearch={{ filterOption: false, onSearch: setSearch }}
            value={user}
            onChange={setUser}
            loading={users.isFetching}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
