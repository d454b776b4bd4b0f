'use client';
/** The "All objects" page: every kind of record the user may open, as cards linking to their lists. */
import { Card, Col, Row, Typography } from 'antd';
import Link from 'next/link';
import type { Label } from '../../core/i18n';
import { useT } from '../i18n';
import { objectIcon } from './icons';

export function AllObjects({ objects }: { objects: { name: string; pluralLabel: Label; icon?: string }[] }) {
  const { tr, label } = useT();
  const sorted = [...objects].sort((a, b) => label(a.pluralLabel).localeCompare(label(b.pluralLabel)));
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {tr('nav.objectsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{tr('nav.objectsIntro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {sorted.map((o) => (
          <Col key={o.name} xs={12} sm={8} lg={6}>
            <Link href={`/o/${o.name}`}>
              <Card hoverable size="small">
                {objectIcon(o.icon)} {label(o.pluralLabel)}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
