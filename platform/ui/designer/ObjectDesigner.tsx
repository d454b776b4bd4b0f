'use client';
/** One object in the designer: its fields, its layout, its list views, its sales processes, its validation rules, its approval flows and its own properties, in tabs. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { NavButton } from '../NavButton';
import { useTRPC } from '../trpc';
import { AdminPage, QueryGate } from '../admin/common';
import { ApprovalsTab } from './ApprovalsTab';
import { AssignmentTab } from './AssignmentTab';
import { SourceTag, StateTags } from './common';
import { FieldsTab } from './FieldsTab';
import { LayoutTab } from './LayoutTab';
import { ObjectTab } from './ObjectTab';
import { ProcessesTab } from './ProcessesTab';
import { RulesTab } from './RulesTab';
import { ViewsTab } from './ViewsTab';
import { WebFormsTab } from '../webforms/WebFormsTab';

export function ObjectDesigner({ object }: { object: string }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const data = useQuery(trpc.designer.object.queryOptions({ name: object }));
  const types = useQuery(trpc.designer.fieldTypes.queryOptions());
  const [tab, setTab] = useState('fields');
  const title = tr('designer.objects');
  if (!data.data || !types.data) {
    if (data.data === null)
      return (
        <AdminPage title={title}>
          <Alert type="error" role="alert" title={tr('designer.object.notFound', { name: object })} />
        </AdminPage>
      );
    return <QueryGate title={title} error={data.error ?? types.error} loading={data.isLoading || types.isLoading} />;
  }
  const d = data.data;
  const own = d.object as unknown as { label: { en: string; zh: string }; archived?: boolean; source: string; customized: boolean };
  return (
    <AdminPage
      title={tr('designer.object.titleOf', { name: label(own.label) })}
      extra={
        <Space>
          <SourceTag source={own.source} />
          <StateTags customized={own.customized} archived={own.archived} />
          <NavButton href="/admin/designer" icon={<ArrowLeftOutlined />}>
            {tr('designer.backToObjects')}
          </NavButton>
        </Space>
      }
    >
      {own.archived && <Alert type="warning" showIcon title={tr('designer.object.archivedHint')} style={{ marginBottom: 16 }} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'fields', label: tr('designer.tab.fields'), children: <FieldsTab object={object} data={d} types={types.data} /> },
          { key: 'layout', label: tr('designer.tab.layout'), children: <LayoutTab object={object} data={d} /> },
          { key: 'views', label: tr('designer.tab.views'), children: <ViewsTab object={object} data={d} archived={Boolean(own.archived)} /> },
          { key: 'processes', label: tr('designer.tab.processes'), children: <ProcessesTab object={object} data={d} /> },
          { key: 'rules', label: tr('designer.tab.rules'), children: <RulesTab object={object} data={d} /> },
          { key: 'approvals', label: tr('designer.tab.approvals'), children: <ApprovalsTab object={object} data={d} /> },
          { key: 'assignment', label: tr('assignUi.tab'), children: <AssignmentTab object={object} data={d} /> },
          { key: 'webforms', label: tr('designer.tab.webforms'), children: <WebFormsTab object={object} data={d} /> },
          { key: 'object', label: tr('designer.tab.object'), children: <ObjectTab object={object} data={d} /> },
        ]}
      />
    </AdminPage>
  );
}
