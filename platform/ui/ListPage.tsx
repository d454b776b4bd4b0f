'use client';
/**
 * The generated list of an object: columns and default sort from its list views, sort by header,
 * search on name, the condition builder, keyset paging (next/previous through a cursor stack), and
 * personal views (the current columns, filter and sort saved as the user's own view). Objects with
 * sales processes link to their kanban.
 */
import { DeleteOutlined, FilterOutlined, PlusOutlined, ProjectOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Drawer, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { combineFilters, PersonalViewDialog } from './designer/PersonalViewDialog';
import { appErrorOf } from './errors';
import { FilterBuilder, toCondition, type FilterState } from './FilterBuilder';
import { displayValue } from './format';
import { useT } from './i18n';
import { NavButton } from './NavButton';
import { useTRPC } from './trpc';
import type { FieldInfo, ObjectInfo, RecordValues } from './types';

type Sort = { field: string; dir: 'asc' | 'desc' }[];

export function ListPage({ object }: { object: string }) {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const [viewName, setViewName] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort | undefined>();
  const [filterState, setFilterState] = useState<FilterState>({ match: 'all', rows: [] });
  const [filterOpen, setFilterOpen] = useState(false);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const views = meta.data?.views ?? [];
  const view = views.find((v) => v.name === viewName) ?? views.find((v) => v.isDefault) ?? views[0];
  const filter = useMemo(() => toCondition(filterState), [filterState]);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery({
    ...trpc.records.list.queryOptions({ object, view: view?.name, search: search || undefined, sort, filter, cursor, limit: view?.pageSize ?? 50 }),
    enabled: Boolean(view),
    placeholderData: (prev) => prev,
  });
  const resetPaging = () => setCursors([null]);
  // Personal views: save the list as it is now, delete the user's own.
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [savingView, setSavingView] = useState(false);
  const [builderKey, setBuilderKey] = useState(0);
  const deleteView = useMutation(
    trpc.meta.deletePersonalView.mutationOptions({
      onSuccess: async () => {
        setViewName(undefined);
        setSort(undefined);
        resetPaging();
        await queryClient.invalidateQueries({ queryKey: trpc.meta.object.queryKey({ object }) });
        message.success(tr('designer.myView.deleted'));
      },
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );

  if (meta.error) return <Alert type="error" title={appErrorOf(meta.error)?.message} />;
  if (!meta.data || !view) return <Card loading />;
  const info = meta.data.object as unknown as ObjectInfo;
  const fieldMap = new Map(info.fields.map((f) => [f.name, f]));
  const activeSort = sort ?? (view.sort as Sort);
  const columns = view.columns.map((name, i) => {
    const f = fieldMap.get(name) as FieldInfo;
    const dir = activeSort?.[0]?.field === name ? activeSort[0].dir : undefined;
    return {
      key: name,
      dataIndex: name,
      title: label(f.label),
      sorter: f.sortable,
      sortOrder: dir === 'asc' ? ('ascend' as const) : dir === 'desc' ? ('descend' as const) : null,
      sortDirections: ['ascend', 'descend', 'ascend'] as ('ascend' | 'descend')[],
      render: (_: unknown, rec: RecordValues) => {
        const shown = displayValue(f, rec, locale);
        return i === 0 ? <Link href={`/o/${object}/${rec.id}`}>{shown || rec.id}</Link> : shown;
      },
    };
  });
  const listError = list.error ? appErrorOf(list.error) : null;
  const activeFilters = filterState.rows.filter((r) => r.field).length;
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {label(info.pluralLabel)}
        </Typography.Title>
      }
      extra={
        <Space>
          {meta.data.processes && (
            <NavButton href={`/o/${object}/kanban`} icon={<ProjectOutlined />}>
              {tr('kanban.title')}
            </NavButton>
          )}
          {meta.data.rights.delete && (
            <NavButton href={`/o/${object}/recycle-bin`} icon={<DeleteOutlined />}>
              {tr('ui.recycleBin')}
            </NavButton>
          )}
          {meta.data.rights.create && (
            <NavButton href={`/o/${object}/new`} type="primary" icon={<PlusOutlined />}>
              {tr('ui.new', { object: label(info.label) })}
            </NavButton>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={tr('ui.view')}
          style={{ width: 220 }}
          value={view.name}
          options={views.map((v) => ({ value: v.name, label: v.personal ? tr('designer.myView.option', { name: v.label }) : v.label }))}
          onChange={(v) => {
            setViewName(v);
            setSort(undefined);
            resetPaging();
          }}
        />
        <Input.Search
          aria-label={tr('ui.search', { object: label(info.pluralLabel) })}
          placeholder={tr('ui.search', { object: label(info.pluralLabel) })}
          allowClear
          style={{ width: 280 }}
          onSearch={(q) => {
            setSearch(q.trim());
            resetPaging();
          }}
        />
        <Badge count={activeFilters} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setFilterOpen(true)}>
            {tr('ui.filter')}
          </Button>
        </Badge>
        {activeFilters > 0 && <Typography.Text type="secondary">{tr('ui.filter.active', { count: activeFilters })}</Typography.Text>}
        <Button icon={<SaveOutlined />} onClick={() => setSavingView(true)}>
          {tr('designer.myView.save')}
        </Button>
        {view.personal && (
          <Popconfirm
            title={tr('designer.myView.confirmDelete', { name: view.label })}
            okText={tr('ui.delete')}
            okButtonProps={{ danger: true }}
            cancelText={tr('ui.cancel')}
            onConfirm={() => deleteView.mutate({ object, name: view.name })}
          >
            <Button danger icon={<DeleteOutlined />} loading={deleteView.isPending}>
              {tr('designer.myView.delete')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {listError && <Alert type="error" role="alert" title={listError.message} description={listError.details.map((d) => d.message).join('; ')} style={{ marginBottom: 16 }} />}
      <Table<RecordValues>
        rowKey={(r) => String(r.id)}
        size="middle"
        loading={list.isFetching}
        dataSource={(list.data?.records ?? []) as RecordValues[]}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tr('ui.empty') }}
        onChange={(_p, _f, sorter) => {
          const s = sorter as SorterResult<RecordValues>;
          setSort(s.order && s.columnKey ? [{ field: String(s.columnKey), dir: s.order === 'ascend' ? 'asc' : 'desc' }] : undefined);
          resetPaging();
        }}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {tr('ui.page.prev')}
        </Button>
        <Typography.Text>{tr('ui.page.info', { page: cursors.length })}</Typography.Text>
        <Button disabled={!list.data?.nextCursor} onClick={() => setCursors((c) => [...c, list.data!.nextCursor])}>
          {tr('ui.page.next')}
        </Button>
      </Space>
      <Drawer title={tr('ui.filter')} open={filterOpen} onClose={() => setFilterOpen(false)} size={720} destroyOnHidden={false}>
        <FilterBuilder
          key={builderKey}
          fields={info.fields}
          initial={filterState}
          onApply={(s) => {
            setFilterState(s);
            resetPaging();
            setFilterOpen(false);
          }}
        />
      </Drawer>
      <PersonalViewDialog
        object={object}
        open={savingView}
        onClose={() => setSavingView(false)}
        content={{ columns: view.columns, filter: combineFilters(view.filter, filter), sort: activeSort?.length ? activeSort : undefined, pageSize: view.pageSize }}
        onSaved={(name) => {
          // The new view holds the filter and sort now: show it plain.
          setSavingView(false);
          setViewName(name);
          setSort(undefined);
          setFilterState({ match: 'all', rows: [] });
          setBuilderKey((k) => k + 1);
          resetPaging();
        }}
      />
    </Card>
  );
}
