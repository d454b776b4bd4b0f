'use client';
/** The dashboards the viewer may open, as cards linking to them. */
import { DashboardOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import Link from 'next/link';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useDashboards } from './api';

export function DashboardList() {
  const { tr, label } = useT();
  const list = useDashboards();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {tr('dashui.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{tr('dashui.intro')}</Typography.Paragraph>
      {list.error ? <Alert type="error" role="alert" title={appErrorOf(list.error)?.message} /> : null}
      {list.isLoading ? <Skeleton active /> : null}
      {list.data && list.data.length === 0 ? <Empty description={tr('dashui.none')} /> : null}
      <Row gutter={[16, 16]} role="list">
        {(list.data ?? []).map((d) => (
          <Col key={d.name} xs={24} sm={12} lg={8} role="listitem">
            <Link href={`/dashboards/${encodeURIComponent(d.name)}`}>
              <Card hoverable size="small">
                <DashboardOutlined aria-hidden /> {label(d.label)}
                {d.components !== undefined ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {tr('dashui.components', { count: d.components })}
                  </Typography.Text>
                ) : null}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
