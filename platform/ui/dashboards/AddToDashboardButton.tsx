'use client';
/**
 * On a report's page: add the report to a dashboard the viewer may change, as a new component at
 * its end, or to a new dashboard of their own (private to them).
 */
import { AppstoreAddOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import type { Label } from '../../core/i18n';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useDashboardClient, useDashboards, useSaveDashboard, type DashboardSave } from './api';
import { addComponent } from './layout';

const NEW = '$new';

/** An API name for a dashboard named in any language: the words of a Latin name, else a unique one. */
export function dashboardName(text: string, taken: Set<string>): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 50);
  let name = slug || `dashboard_${Date.now().toString(36)}`;
  for (let n = 2; taken.has(name); n++) name = `${slug || 'dashboard'}_${n}`;
  return name;
}

export function AddToDashboardButton({ report, title }: { report: string; title?: Label }) {
  const { tr, label } = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<string>();
  const [newLabel, setNewLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const dashboards = useDashboards(open);
  const client = useDashboardClient();
  const save = useSaveDashboard();
  const editable = (dashboards.data ?? []).filter((d) => d.canEdit);
  const ready = target === NEW ? newLabel.trim().length > 0 : Boolean(target);

  const add = async () => {
    if (!target) return;
    setBusy(true);
    try {
      let doc: DashboardSave & { label: Label };
      if (target === NEW) {
        const text = newLabel.trim();
        const name = dashboardName(text, new Set((dashboards.data ?? []).map((d) => d.name)));
        const filters: DashboardSave['filters'] = [{ type: 'date' }, { type: 'owner' }];
        doc = { name, mode: 'create', label: { en: text, zh: text }, visibility: 'private', filters, components: addComponent([], report, title) };
      } else {
        const { dashboard } = await client.dashboards.get.query({ name: target });
        doc = { name: target, label: dashboard.label, components: addComponent(dashboard.components, report, title) };
      }
      const { label: _label, ...patch } = doc;
      await save.mutateAsync(target === NEW ? doc : patch);
      // Long enough to reach its link.
      message.success({
        duration: 8,
        content: (
          <span>
            {tr('dashui.addedTo', { dashboard: label(doc.label) })} <Link href={`/dashboards/${encodeURIComponent(doc.name)}`}>{tr('dashui.openDashboard')}</Link>
          </span>
        ),
      });
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
        okButtonProps={{ disabled: !ready, loading: busy }}
        onOk={() => void add()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={tr('dashui.pickDashboard')} htmlFor="add-to-dashboard">
            <Select
              id="add-to-dashboard"
              loading={dashboards.isLoading}
              options={[...editable.map((d) => ({ value: d.name, label: label(d.label) })), { value: NEW, label: tr('dashui.newDashboard') }]}
              value={target}
              onChange={setTarget}
            />
          </Form.Item>
          {target === NEW ? (
            <Form.Item label={tr('dashui.newDashboardName')} htmlFor="new-dashboard-name">
              <Input id="new-dashboard-name" value={newLabel} maxLength={80} onChange={(e) => setNewLabel(e.target.value)} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
