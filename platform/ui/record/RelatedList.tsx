'use client';
/** One related list on a record page: the newest children through one lookup, "New" with the parent filled in, "View all" as a filtered list. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Typography } from 'antd';
import Link from 'next/link';
import { displayValue } from '../format';
import { useT } from '../i18n';
import { RecordLink } from '../RecordLink';
import { NavButton } from '../NavButton';
import { useTRPC } from '../trpc';
import type { ObjectInfo, RecordValues } from '../types';

export type RelatedListInfo = ObjectInfo['relatedLists'][number];

/** The list URL showing every child of a parent (the shared list URL convention). */
export function viewAllHref(rel: RelatedListInfo, parentId: string): string {
  const filter = { all: [{ field: rel.field, op: 'eq', value: parentId }] };
  return `/o/${rel.object}?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}

/** The new-record URL with the parent filled in, returning to the parent after saving. */
export function newChildHref(rel: RelatedListInfo, parentObject: string, parentId: string): string {
  const q = new URLSearchParams({ [rel.field]: parentId, _back: `/o/${parentObject}/${parentId}` });
  return `/o/${rel.object}/new?${q.toString()}`;
}

export function RelatedList({ parentObject, parentId, rel }: { parentObject: string; parentId: string; rel: RelatedListInfo }) {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const childMeta = useQuery(trpc.meta.object.queryOptions({ object: rel.object }));
  const list = useQuery(trpc.records.related.queryOptions({ object: rel.object, field: rel.field, parentId, limit: 10 }));
  const child = childMeta.data?.object as unknown as ObjectInfo | undefined;
  const fields = new Map((child?.fields ?? []).map((f) => [f.name, f]));
  const columns = rel.columns
    .filter((c) => fields.has(c))
    .map((c, i) => ({
      key: c,
      title: label(fields.get(c)!.label),
      render: (_: unknown, r: RecordValues) =>
        i === 0 ? (
          <RecordLink object={rel.object} recordId={r.id}>
            {displayValue(fields.get(c)!, r, locale) || String(r.id)}
          </RecordLink>
        ) : (
          displayValue(fields.get(c)!, r, locale)
        ),
    }));
  const listLabel = label(rel.label);
  // A count, never a decimal: ten shown and more behind them reads "10+".
  const count = list.data ? `${list.data.records.length}${list.data.nextCursor ? '+' : ''}` : '';
  const headingId = `related-${rel.object}-${rel.field}`;
  return (
    <Card
      size="small"
      title={
        <Typography.Title id={headingId} level={2} style={{ fontSize: 15, margin: 0 }}>
          {listLabel}
          {count && <span style={{ fontWeight: 'normal' }}>{` (${count})`}</span>}
        </Typography.Title>
      }
      extra={
        <Space size="small" wrap>
          {childMeta.data?.rights.create && (
            <NavButton
              size="small"
              icon={<PlusOutlined />}
              href={newChildHref(rel, parentObject, parentId)}
              aria-label={tr('rec.related.newAria', { object: child ? label(child.label) : listLabel })}
            >
              {tr('rec.related.new')}
            </NavButton>
          )}
          <Link href={viewAllHref(rel, parentId)} aria-label={tr('rec.related.viewAllAria', { list: listLabel })}>
            {tr('rec.related.viewAll')}
          </Link>
        </Space>
      }
      style={{ marginTop: 16 }}
    >
      <Table<RecordValues>
        size="small"
        aria-labelledby={headingId}
        rowKey={(r) => String(r.id)}
        columns={columns}
        dataSource={(list.data?.records ?? []) as RecordValues[]}
        loading={list.isLoading || childMeta.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
