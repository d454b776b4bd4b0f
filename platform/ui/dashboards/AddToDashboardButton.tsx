'use client';
/** On a report's page: add the report to a dashboard the viewer may change, as a new component at its end. */
import { AppstoreAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import type { Label } from '../../core/i18n';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useDashboardClient, useDashboards, useSaveDashboard } from './api';
import { addComponent } from './layout';

export function AddToDashboardButton({ report, title }: { report: string; title?: Label }) {
  const { tr, label } = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<string>();
  const [busy, setBusy] = useState(false);
  const dashboards = useDashboards(open);
  const client = useDashboardClient();
  const queryClient = useQueryClient();
  const save = useSaveDashboard();
  const editable = (dashboards.data ?? []).filter((d) => d.canEdit !== false);
  const add = async () => {
    if (!target) return;
    setBusy(true);
    try {
      const { dashboard } = await queryClient.fetchQuery({ queryKey: ['dashboards', 'doc', target], queryFn: () => client.dashboards.get.query({ name: target }), staleTime: 0 });
      await save.mutateAsync({ ...dashboard, components: addComponent(dashboard.components, report, title) });
      message.success(
        <span>
          {tr('dashui.addedTo', { dashboard: label(dashboard.label) })} <Link href={`/dashboards/${encodeURIComponent(target)}`}>{tr('dashui.openDashboard')}</Link>
        </span>,
      );
      setOpen(false);
    } catch (e) {
      message.error(appErrorOf(e)?.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<AppstoreAddOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {tr('dashui.addToDashboard')}
      </Button>
      <Modal
        open={open}
        title={tr('dashui.addToDashboard')}
        okText={tr('dashui.add')}
        cancelText={tr('dashui.cancel')}
        okButtonProps={{ disabled: !target, loading: busy }}
        onOk={() => void add()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={tr('dashui.pickDashboard')} htmlFor="add-to-dashboard" help={dashboards.data && editable.length === 0 ? tr('dashui.noEditable') : undefined}>
            <Select
              id="add-to-dashboard"
              loading={dashboards.isLoading}
              options={editable.map((d) => ({ value: d.name, label: label(d.label) }))}
              value={target}
              onChange={setTarget}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
