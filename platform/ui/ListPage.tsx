'use client';
/**
 * The generated list of an object: its views, search, the condition builder and an owner filter,
 * all kept in the address (list/listUrl.ts) so a list can be bookmarked and shared; sort by header;
 * keyset paging; the count and amount sums under it; checked rows for mass actions; cells that
 * edit in place; cards instead of a table on a phone; personal views. Objects with sales processes
 * link to their kanban.
 */
import { DeleteOutlined, FilterOutlined, PlusOutlined, ProjectOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Drawer, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { usePathname, useSearchParams } from 'next/navigation';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { appErrorOf } from './errors';
import { displayValue } from './format';
import { useT } from './i18n';
import { listEditable } from './list/editable';
import { combineFilters, toCondition, type FilterState } from './list/filterState';
import { InlineCell } from './list/InlineCell';
import styles from './list/list.module.css';
import { chooseView, listInput, listQueryString, readListUrl, totalsInput, type ListUrlState, type ViewInfo } from './list/listUrl';
import { ListTotals } from './list/ListTotals';
import { MassActions } from './list/MassActions';
import { RecordCards } from './list/RecordCards';
import { RecordLink } from './RecordLink';
import { UserSelect } from './list/UserSelect';
import { NavButton } from './NavButton';
import type { ProcessesInfo } from './process/types';
import { useTRPC } from './trpc';
import type { FieldInfo, ObjectInfo, RecordValues } from './types';

const NO_FILTER: FilterState = { match: 'all', rows: [] };

// Opened by a click, never part of the first paint: their code loads when first shown.
const FilterBuilder = dynamic(() => import('./FilterBuilder').then((m) => m.FilterBuilder), { ssr: false });
const PersonalViewDialog = dynamic(() => import('./designer/PersonalViewDialog').then((m) => m.PersonalViewDialog), { ssr: false });

export function ListPage({ object }: { object: string }) {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const pathname = usePathname();
  const urlParams = useSearchParams();
  // The address the user just asked for, until the router catches up: the router applies a new
  // address in a transition, and a second click before it lands must build on the first.
  const [asked, setAsked] = useState<{ from: string; query: string } | null>(null);
  // Once the router has moved on, forget it (else going back to the old address would show the asked one).
  if (asked && asked.from !== urlParams.toString()) setAsked(null);
  const params = asked && asked.from === urlParams.toString() ? new URLSearchParams(asked.query) : urlParams;
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const [filterOpen, setFilterOpen] = useState(false);
  const [savingView, setSavingView] = useState(false);
  // Paging and checked rows belong to one address: a new filter, sort or view starts afresh.
  const urlKey = params.toString();
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: urlKey, cursors: [null] });
  const [checked, setChecked] = useState<{ key: string; ids: string[] }>({ key: urlKey, ids: [] });
  const cursors = paging.key === urlKey ? paging.cursors : [null];
  const selectedIds = checked.key === urlKey ? checked.ids : [];
  const views = (meta.data?.views ?? []) as ViewInfo[];
  const info = meta.data?.object as unknown as ObjectInfo | undefined;
  const { state, problems } = readListUrl((k) => params.get(k), info?.fields ?? [], views);
  const view = chooseView(views, state.view);
  const filter = toCondition(state.filter);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery({
    ...trpc.records.list.queryOptions(view ? listInput(object, view, state, filter, cursor) : { object }),
    enabled: Boolean(view),
    placeholderData: (prev) => prev,
  });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  // The browser's own history (which Next's router follows): the list changes at once, without a
  // server render per click, so two quick clicks on a header sort descending as expected.
  const go = (next: ListUrlState) => {
    const query = listQueryString(next, toCondition(next.filter));
    setAsked({ from: urlParams.toString(), query: query.replace(/^\?/, '') });
    window.history.pushState(null, '', `${pathname}${query}`);
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
  const deleteView = useMutation(
    trpc.meta.deletePersonalView.mutationOptions({
      onSuccess: async () => {
        go({ ...state, view: undefined, sort: undefined });
        await queryClient.invalidateQueries({ queryKey: trpc.meta.object.queryKey({ object }) });
        message.success(tr('designer.myView.deleted'));
      },
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );

  if (meta.error) return <Alert type="error" title={appErrorOf(meta.error)?.message} />;
  if (!meta.data || !view || !info) return <Card loading />;
  const fieldMap = new Map(info.fields.map((f) => [f.name, f]));
  const activeSort = state.sort ?? (view.sort as ListUrlState['sort']);
  const canEdit = meta.data.rights.edit;
  const viewFields = view.columns.map((n) => fieldMap.get(n)).filter((f): f is FieldInfo => Boolean(f));
  const columns = viewFields.map((f, i) => {
    const dir = activeSort?.[0]?.field === f.name ? activeSort[0].dir : undefined;
    const inline = i > 0 && canEdit && listEditable(f);
    return {
      key: f.name,
      dataIndex: f.name,
      title: label(f.label),
      sorter: f.sortable,
      sortOrder: dir === 'asc' ? ('ascend' as const) : dir === 'desc' ? ('descend' as const) : null,
      sortDirections: ['ascend', 'descend', 'ascend'] as ('ascend' | 'descend')[],
      render: (_: unknown, rec: RecordValues) => {
        const shown = displayValue(f, rec, locale);
        if (i === 0)
          return (
            <RecordLink object={object} recordId={rec.id}>
              {shown || rec.id}
            </RecordLink>
          );
        return inline ? <InlineCell key={`${rec.id}-${rec.version}`} object={object} field={f} record={rec} shown={shown} onSaved={refresh} /> : shown;
      },
    };
  });
  const records = (list.data?.records ?? []) as RecordValues[];
  const listError = list.error ? appErrorOf(list.error) : null;
  const ownerField = fieldMap.get('owner');
  const ownerRow = state.filter.rows.find((r) => r.field === 'owner' && r.op === 'eq');
  const otherRows = state.filter.rows.filter((r) => r !== ownerRow);
  const activeFilters = state.filter.rows.filter((r) => r.field).length;
  const setPage = (next: (string | null)[]) => setPaging({ key: urlKey, cursors: next });
  const select = (ids: string[]) => setChecked({ key: urlKey, ids });
  return (
    <Card
      className={styles.page}
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {label(info.pluralLabel)}
        </Typography.Title>
      }
      extra={
        <Space wrap>
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
      {problems.length > 0 && <Alert type="warning" showIcon role="alert" title={tr('list.urlInvalid', { param: problems.join(', ') })} style={{ marginBottom: 16 }} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={tr('ui.view')}
          style={{ width: 220, maxWidth: '100%' }}
          value={view.name}
          options={views.map((v) => ({ value: v.name, label: v.personal ? tr('designer.myView.option', { name: v.label }) : v.label }))}
          onChange={(v) => go({ ...state, view: v, sort: undefined })}
        />
        <Input.Search
          key={state.q ?? ''}
          aria-label={tr('ui.search', { object: label(info.pluralLabel) })}
          placeholder={tr('ui.search', { object: label(info.pluralLabel) })}
          allowClear
          defaultValue={state.q}
          style={{ width: 280, maxWidth: '100%' }}
          onSearch={(q) => go({ ...state, q: q.trim() || undefined })}
        />
        {ownerField && ownerField.filterOperators.includes('eq') && (
          <UserSelect
            ariaLabel={tr('list.ownerFilter')}
            placeholder={tr('list.ownerAny')}
            withMe
            allowClear
            width={180}
            value={ownerRow?.value as string | undefined}
            onChange={(v) => go({ ...state, filter: { ...state.filter, rows: v ? [...otherRows, { field: 'owner', op: 'eq', value: v }] : otherRows } })}
          />
        )}
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
      <MassActions
        object={object}
        fields={info.fields}
        selected={records.filter((r) => selectedIds.includes(String(r.id)))}
        rights={{ edit: canEdit, delete: meta.data.rights.delete }}
        onClear={() => select([])}
        onDone={() => {
          select([]);
          void refresh();
        }}
      />
      <div className={`${styles.table} ${styles.scroll}`}>
        <Table<RecordValues>
          rowKey={(r) => String(r.id)}
          size="middle"
          // A refresh of rows already shown (after hydration, after an edit) does not cover them.
          loading={list.isFetching && (list.isPlaceholderData || !list.data)}
          dataSource={records}
          columns={columns}
          pagination={false}
          locale={{ emptyText: tr('ui.empty') }}
          rowSelection={{
            selectedRowKeys: selectedIds,
            onChange: (keys) => select(keys.map(String)),
            getCheckboxProps: (r) => ({ 'aria-label': tr('list.selectRow', { name: String(r.name ?? r.id) }) }) as never,
          }}
          onChange={(_p, _f, sorter, extra) => {
            if (extra.action !== 'sort') return;
            const s = sorter as SorterResult<RecordValues>;
            go({ ...state, sort: s.order && s.columnKey ? [{ field: String(s.columnKey), dir: s.order === 'ascend' ? 'asc' : 'desc' }] : undefined });
          }}
        />
      </div>
      <RecordCards
        object={object}
        records={records}
        columns={viewFields}
        owner={ownerField}
        selected={selectedIds}
        onSelect={(id, on) => select(on ? [...selectedIds, id] : selectedIds.filter((x) => x !== id))}
      />
      <Space wrap style={{ marginTop: 16, justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Button disabled={cursors.length <= 1} onClick={() => setPage(cursors.slice(0, -1))}>
            {tr('ui.page.prev')}
          </Button>
          <Typography.Text>{tr('ui.page.info', { page: cursors.length })}</Typography.Text>
          <Button disabled={!list.data?.nextCursor} onClick={() => setPage([...cursors, list.data!.nextCursor])}>
            {tr('ui.page.next')}
          </Button>
        </Space>
        <ListTotals input={totalsInput(object, view, state, filter)} fields={info.fields} />
      </Space>
      <Drawer title={tr('ui.filter')} open={filterOpen} onClose={() => setFilterOpen(false)} size={720} destroyOnHidden={false}>
        <FilterBuilder
          key={JSON.stringify(filter ?? null)}
          fields={info.fields}
          related={info.relatedLists}
          processes={meta.data.processes as ProcessesInfo | null}
          initial={state.filter}
          onApply={(s) => {
            go({ ...state, filter: s });
            setFilterOpen(false);
          }}
        />
      </Drawer>
      {savingView && (
        <PersonalViewDialog
          object={object}
          open
          onClose={() => setSavingView(false)}
          content={{ columns: view.columns, filter: combineFilters(view.filter, filter), sort: activeSort?.length ? activeSort : undefined, pageSize: view.pageSize }}
          onSaved={(name) => {
            // The new view holds the filter and sort now: show it plain.
            setSavingView(false);
            go({ view: name, filter: NO_FILTER });
          }}
        />
      )}
    </Card>
  );
}
