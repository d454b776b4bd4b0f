'use client';
/** The home page: a greeting with today's date, then the dashboard of the user's role with their own figures. */
import { Typography } from 'antd';
import type { MessageKey } from '../../core/i18n';
import { useT } from '../i18n';
import { DashboardView } from './DashboardView';

export function HomeDashboard({ name, userName, greetingKey, date }: { name: string; userName: string; greetingKey: MessageKey; date: string }) {
  const { tr } = useT();
  return (
    <DashboardView
      name={name}
      heading={
        <>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {tr(greetingKey, { name: userName })}
          </Typography.Title>
          <Typography.Text type="secondary">{tr('dashui.today', { date })} · </Typography.Text>
        </>
      }
    />
  );
}
