'use client';
/** The reports the viewer may open, grouped by folder, with a search and New report. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Input, List, Skeleton, Space, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { NavButton } from '../NavButton';
import { useReportList, type ReportListItem } from './api';
import styles from './reports.module.css';

/** Reports by folder (folders in name order, unfiled last), each folder's reports by title. */
export function byFolder(items: { folder?: string | null; title: string }[]): [string | null, typeof items][] {
  const map = new Map<string | null, typeof items>();
  for (const i of items) map.set(i.folder ?? null, [...(map.get(i.folder ?? null) ?? []), i]);
  return [...map].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))).map(([f, list]) => [f, [...list].sort((x, y) => x.title.localeCompare(y.title))]);
}

export function ReportList({ objectLabels }: { objectLabels: Record<string, string> }) {
  const { tr } = useT();
  const list = useReportList();
  const [q, setQ] = useState('');
  const items = useMemo(
    () => (list.data ?? []).map((r: ReportListItem) => ({ ...r, title: r.label || r.name })).filter((r) => !q || `${r.title} ${r.name}`.toLowerCase().includes(q.toLowerCase())),
    [list.data, q],
  );
  const error = appErrorOf(list.error);
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {tr('rui.reports')}
        </Typography.Title>
      }
      extra={
        <NavButton type="primary" href="/reports/new" icon={<PlusOutlined aria-hidden />}>
          {tr('rui.newReport')}
        </NavButton>
      }
    >
      <Input.Search
        aria-label={tr('rui.search')}
        placeholder={tr('rui.search')}
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={error.message} />}
      {list.isLoading && <Skeleton active />}
      {list.data && items.length === 0 && <Empty description={tr('rui.noReports')} />}
      {byFolder(items).map(([folder, reports]) => (
        <section key={folder ?? ''} className={styles.folder} aria-label={folder ?? tr('rui.unfiled')}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {folder ?? tr('rui.unfiled')}
          </Typography.Title>
          <List
            size="small"
            bordered
            dataSource={reports}
            renderItem={(r) => {
              const item = r as (typeof items)[number];
              return (
                <List.Item>
                  <Space wrap>
                    <Link href={`/reports/${encodeURIComponent(item.name)}`}>{item.title}</Link>
                    <Tag>{objectLabels[item.object] ?? item.object}</Tag>
                    {item.chart && item.chart !== 'table' && <Typography.Text type="secondary">{tr(`rui.chart.${item.chart}`)}</Typography.Text>}
                  </Space>
                </List.Item>
              );
            }}
          />
        </section>
      ))}
    </Card>
  );
}
