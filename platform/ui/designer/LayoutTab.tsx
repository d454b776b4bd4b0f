'use client';
/**
 * The object's default layout: sections (labels, one or two columns) holding fields in order.
 * Fields move by drag and drop or with the Move up / Move down buttons (across sections at the
 * ends), can be made required or read-only on this layout, added from the fields not yet placed
 * and removed again.
 */
import { ArrowDownOutlined, ArrowUpOutlined, CloseOutlined, DeleteOutlined, HolderOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { LayoutPageSection, pageStateOf, tabsOf, type PageState } from './LayoutPageSection';
import { DetailsAlert, SourceTag, StateTags, stripOrigin, useRefreshMetadata, type DesignerLayout, type DesignerObject } from './common';

interface Entry {
  field: string;
  required: boolean;
  readOnly: boolean;
}

interface SectionState {
  key: string;
  id: string;
  en: string;
  zh: string;
  columns: 1 | 2;
  fields: Entry[];
}

type PageLayout = Parameters<typeof pageStateOf>[0] & { tabs?: Parameters<typeof tabsOf>[2] };

type LayoutEntry = string | { field: string; required?: boolean; readOnly?: boolean };

function toState(layout: DesignerLayout | undefined): SectionState[] {
  const sections = layout?.sections ?? [{ id: 'main', label: { en: 'Information', zh: '基本信息' }, columns: 2 as const, fields: [] }];
  return sections.map((s, i) => ({
    key: `${s.id}-${i}`,
    id: s.id,
    en: s.label.en,
    zh: s.label.zh,
    columns: s.columns === 1 ? 1 : 2,
    fields: (s.fields as LayoutEntry[]).map((e) =>
      typeof e === 'string' ? { field: e, required: false, readOnly: false } : { field: e.field, required: Boolean(e.required), readOnly: Boolean(e.readOnly) },
    ),
  }));
}

function toEntry(e: Entry): LayoutEntry {
  if (!e.required && !e.readOnly) return e.field;
  return { field: e.field, ...(e.required ? { required: true } : {}), ...(e.readOnly ? { readOnly: true } : {}) };
}

const labelStyle: React.CSSProperties = { display: 'block', marginBottom: 4, fontSize: 13 };

/**
 * The object's layouts: pick one to edit (a sales process may have its own), or start a new one as
 * a copy of the one shown.
 */
export function LayoutTab({ object, data }: { object: string; data: DesignerObject }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const [name, setName] = useState(() => (data.layouts.some((l) => l.name === 'default') ? 'default' : (data.layouts[0]?.name ?? 'default')));
  const [copyName, setCopyName] = useState('');
  const [copyLabel, setCopyLabel] = useState('');
  const [error, setError] = useState<ClientAppError | null>(null);
  const current = data.layouts.find((l) => l.name === name);
  const copy = useMutation(
    trpc.designer.saveLayout.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await refresh();
        setName(copyName);
        setCopyName('');
        setCopyLabel('');
        message.success(tr('ui.saved'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const taken = data.layouts.some((l) => l.name === copyName);
  const canCopy = /^[a-z][a-z0-9_]{0,62}$/.test(copyName) && !taken && copyLabel.trim() !== '' && current;
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="layout-choice" style={{ fontWeight: 500 }}>
          {tr('designer.layouts.choose')}
        </label>
        <Select
          id="layout-choice"
          style={{ minWidth: 240 }}
          value={name}
          onChange={setName}
          options={data.layouts.map((l) => ({ value: l.name, label: `${label(l.label)} (${l.name})` }))}
        />
        <Input
          aria-label={tr('designer.layouts.newName')}
          placeholder={tr('designer.layouts.newName')}
          value={copyName}
          onChange={(e) => setCopyName(e.target.value.trim())}
          style={{ width: 200 }}
          status={taken ? 'error' : undefined}
        />
        <Input
          aria-label={tr('designer.layouts.newLabel')}
          placeholder={tr('designer.layouts.newLabel')}
          value={copyLabel}
          onChange={(e) => setCopyLabel(e.target.value)}
          style={{ width: 200 }}
        />
        <Button
          icon={<PlusOutlined />}
          disabled={!canCopy}
          loading={copy.isPending}
          onClick={() =>
            current &&
            copy.mutate({
              layout: { ...(stripOrigin(current) as unknown as Record<string, unknown>), object, name: copyName, label: { en: copyLabel.trim(), zh: copyLabel.trim() } },
            })
          }
        >
          {tr('designer.layouts.copy')}
        </Button>
      </Space>
      <DetailsAlert error={error} />
      <LayoutEditor key={name} object={object} data={data} name={name} />
    </div>
  );
}

function LayoutEditor({ object, data, name }: { object: string; data: DesignerObject; name: string }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const server = data.layouts.find((l) => l.name === name);
  const serverJson = JSON.stringify(server ?? null);
  const [baseline, setBaseline] = useState(serverJson);
  const [sections, setSectionsState] = useState<SectionState[]>(() => toState(server));
  const [page, setPageState] = useState<PageState>(() => pageStateOf(server as PageLayout));
  const [dirty, setDirty] = useState(false);
  const [drag, setDrag] = useState<{ s: number; i: number } | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  // The saved layout changed underneath (saved here, reverted elsewhere): show it unless edits are pending.
  if (serverJson !== baseline && !dirty) {
    setBaseline(serverJson);
    setSectionsState(toState(server));
    setPageState(pageStateOf(server as PageLayout));
  }
  const setPage = (next: PageState) => {
    setPageState(next);
    setDirty(true);
  };
  const setSections = (f: (s: SectionState[]) => SectionState[]) => {
    setSectionsState(f);
    setDirty(true);
  };
  const save = useMutation(
    trpc.designer.saveLayout.mutationOptions({
      onSuccess: async () => {
        setError(null);
        setDirty(false);
        await refresh();
        message.success(tr('designer.layout.saved'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );

  const fieldOf = new Map(data.fields.map((f) => [f.name, f]));
  const placed = new Set(sections.flatMap((s) => s.fields.map((e) => e.field)));
  const unplaced = data.fields.filter((f) => !f.archived && !placed.has(f.name));
  const fieldLabel = (name: string) => label(fieldOf.get(name)?.label) || name;
  const sectionLabel = (s: SectionState, i: number) => s.en || tr('designer.layout.sectionN', { n: i + 1 });

  const updateSection = (si: number, patch: Partial<SectionState>) => setSections((all) => all.map((s, j) => (j === si ? { ...s, ...patch } : s)));
  const updateEntry = (si: number, i: number, patch: Partial<Entry>) =>
    setSections((all) => all.map((s, j) => (j === si ? { ...s, fields: s.fields.map((e, k) => (k === i ? { ...e, ...patch } : e)) } : s)));
  /** Move the entry at (from) to position `to` of section `toS` (positions as before the move). */
  const moveEntry = (from: { s: number; i: number }, toS: number, to: number) =>
    setSections((all) => {
      const next = all.map((s) => ({ ...s, fields: [...s.fields] }));
      const [entry] = next[from.s].fields.splice(from.i, 1);
      let at = to;
      if (from.s === toS && from.i < to) at -= 1;
      next[toS].fields.splice(Math.max(0, Math.min(at, next[toS].fields.length)), 0, entry);
      return next;
    });
  const moveBy = (si: number, i: number, by: -1 | 1) => {
    const count = sections[si].fields.length;
    if (by < 0 && i > 0) moveEntry({ s: si, i }, si, i - 1);
    else if (by > 0 && i < count - 1) moveEntry({ s: si, i }, si, i + 2);
    else if (by < 0 && si > 0) moveEntry({ s: si, i }, si - 1, sections[si - 1].fields.length);
    else if (by > 0 && si < sections.length - 1) moveEntry({ s: si, i }, si + 1, 0);
  };
  const moveSection = (si: number, by: -1 | 1) =>
    setSections((all) => {
      const next = [...all];
      [next[si], next[si + by]] = [next[si + by], next[si]];
      return next;
    });
  const addSection = () =>
    setSections((all) => {
      let n = all.length + 1;
      while (all.some((s) => s.id === `section_${n}`)) n += 1;
      return [...all, { key: `new-${Date.now().toString(36)}`, id: `section_${n}`, en: tr('designer.layout.newSection'), zh: '', columns: 2, fields: [] }];
    });
  const submit = () => {
    setError(null);
    const base = server ? (stripOrigin(server) as unknown as Record<string, unknown>) : { object, name, label: { en: 'Default layout', zh: '默认布局' } };
    const layout = {
      ...base,
      object,
      sections: sections.map((s) => ({ id: s.id, label: { en: s.en.trim() || s.id, zh: s.zh.trim() || s.en.trim() || s.id }, columns: s.columns, fields: s.fields.map(toEntry) })),
      highlights: page.highlights.length ? page.highlights : undefined,
      tabs: tabsOf(
        page,
        sections.map((s) => s.id),
        (server as PageLayout | undefined)?.tabs,
      ),
    };
    save.mutate({ layout });
  };
  const onDrop = (e: React.DragEvent, si: number, i: number) => {
    e.preventDefault();
    e.stopPropagation();
    if (drag) moveEntry(drag, si, i);
    setDrag(null);
  };

  return (
    <div>
      <Space style={{ marginBottom: 16 }} wrap>
        {server && <Typography.Text>{label(server.label)}</Typography.Text>}
        {server && <SourceTag source={server.source} />}
        {server && <StateTags customized={server.customized} />}
        {dirty && <Tag color="orange">{tr('designer.unsaved')}</Tag>}
      </Space>
      <Typography.Paragraph type="secondary">{tr('designer.layout.hint')}</Typography.Paragraph>
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <LayoutPageSection
        value={page}
        onChange={setPage}
        fields={data.fields.filter((f) => !f.archived).map((f) => ({ name: f.name, label: label(f.label) || f.name }))}
        sections={sections.map((s, i) => ({ id: s.id, label: sectionLabel(s, i) }))}
      />
      {sections.map((s, si) => {
        const name = sectionLabel(s, si);
        const idp = `layout-${si}`;
        return (
          <Card
            key={s.key}
            size="small"
            style={{ marginBottom: 16 }}
            role="group"
            aria-label={tr('designer.layout.sectionOf', { name })}
            title={
              <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }}>
                {name}
              </Typography.Title>
            }
            extra={
              <Space size={4}>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={`${tr('designer.layout.sectionUp')}: ${name}`}
                  disabled={si === 0}
                  onClick={() => moveSection(si, -1)}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={`${tr('designer.layout.sectionDown')}: ${name}`}
                  disabled={si === sections.length - 1}
                  onClick={() => moveSection(si, 1)}
                />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`${tr('designer.layout.removeSection')}: ${name}`}
                  disabled={sections.length === 1}
                  onClick={() => setSections((all) => all.filter((_, j) => j !== si))}
                />
              </Space>
            }
          >
            <Space wrap align="end" style={{ marginBottom: 12 }}>
              <div>
                <label htmlFor={`${idp}-en`} style={labelStyle}>
                  {tr('designer.layout.sectionLabel')}
                </label>
                <Input id={`${idp}-en`} value={s.en} onChange={(e) => updateSection(si, { en: e.target.value })} style={{ width: 220 }} />
              </div>
              <div>
                <label htmlFor={`${idp}-zh`} style={labelStyle}>
                  {tr('designer.layout.sectionLabelZh')}
                </label>
                <Input id={`${idp}-zh`} value={s.zh} onChange={(e) => updateSection(si, { zh: e.target.value })} style={{ width: 220 }} />
              </div>
              <div>
                <label htmlFor={`${idp}-columns`} style={labelStyle}>
                  {tr('designer.layout.columns')}
                </label>
                <Select
                  id={`${idp}-columns`}
                  value={s.columns}
                  style={{ width: 100 }}
                  options={[
                    { value: 1, label: '1' },
                    { value: 2, label: '2' },
                  ]}
                  onChange={(columns) => updateSection(si, { columns })}
                />
              </div>
            </Space>
            <ol
              aria-label={tr('designer.layout.fieldsOf', { name })}
              style={{ listStyle: 'none', padding: 0, margin: '0 0 12px', minHeight: 40, border: drag ? '1px dashed #bbb' : '1px dashed transparent', borderRadius: 6 }}
              onDragOver={(e) => {
                if (drag) e.preventDefault();
              }}
              onDrop={(e) => onDrop(e, si, s.fields.length)}
            >
              {s.fields.length === 0 && (
                <li>
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr('designer.layout.emptySection')} style={{ margin: 8 }} />
                </li>
              )}
              {s.fields.map((e, i) => {
                const fl = fieldLabel(e.field);
                const def = fieldOf.get(e.field);
                const first = si === 0 && i === 0;
                const last = si === sections.length - 1 && i === s.fields.length - 1;
                return (
                  <li
                    key={e.field}
                    draggable
                    onDragStart={(ev) => {
                      setDrag({ s: si, i });
                      ev.dataTransfer.effectAllowed = 'move';
                      ev.dataTransfer.setData('text/plain', e.field);
                    }}
                    onDragEnd={() => setDrag(null)}
                    onDragOver={(ev) => {
                      if (drag) ev.preventDefault();
                    }}
                    onDrop={(ev) => onDrop(ev, si, i)}
                    style={{
                      display: 'flex',
                      alignItems: 'center',
                      gap: 12,
                      padding: '6px 8px',
                      borderBottom: '1px solid #f0f0f0',
                      background: drag && drag.s === si && drag.i === i ? '#f5f9ff' : undefined,
                      cursor: 'grab',
                    }}
                  >
                    <HolderOutlined aria-hidden style={{ color: '#999' }} />
                    <span style={{ flex: 1, minWidth: 160 }}>
                      {fl}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        <code>{e.field}</code>
                      </Typography.Text>
                      {def?.archived && (
                        <Tag color="red" style={{ marginLeft: 8 }}>
                          {tr('designer.archived')}
                        </Tag>
                      )}
                      {!def && (
                        <Tag color="red" style={{ marginLeft: 8 }}>
                          {tr('designer.layout.unknownField')}
                        </Tag>
                      )}
                    </span>
                    <Space size={4}>
                      <Switch
                        size="small"
                        aria-label={`${tr('admin.required')}: ${fl}`}
                        checked={e.required || Boolean(def?.required)}
                        disabled={Boolean(def?.required)}
                        onChange={(required) => updateEntry(si, i, { required })}
                      />
                      <Typography.Text style={{ fontSize: 12 }} aria-hidden>
                        {tr('admin.required')}
                      </Typography.Text>
                    </Space>
                    <Space size={4}>
                      <Switch size="small" aria-label={`${tr('designer.layout.readOnly')}: ${fl}`} checked={e.readOnly} onChange={(readOnly) => updateEntry(si, i, { readOnly })} />
                      <Typography.Text style={{ fontSize: 12 }} aria-hidden>
                        {tr('designer.layout.readOnly')}
                      </Typography.Text>
                    </Space>
                    <Space size={4}>
                      <Button size="small" icon={<ArrowUpOutlined />} aria-label={`${tr('designer.moveUp')}: ${fl}`} disabled={first} onClick={() => moveBy(si, i, -1)} />
                      <Button size="small" icon={<ArrowDownOutlined />} aria-label={`${tr('designer.moveDown')}: ${fl}`} disabled={last} onClick={() => moveBy(si, i, 1)} />
                      <Button
                        size="small"
                        icon={<CloseOutlined />}
                        aria-label={`${tr('designer.layout.removeField')}: ${fl}`}
                        onClick={() => setSections((all) => all.map((x, j) => (j === si ? { ...x, fields: x.fields.filter((_, k) => k !== i) } : x)))}
                      />
                    </Space>
                  </li>
                );
              })}
            </ol>
            <div>
              <label htmlFor={`${idp}-add`} style={labelStyle}>
                {tr('designer.layout.addFieldTo', { name })}
              </label>
              <Select
                id={`${idp}-add`}
                style={{ width: 280 }}
                value={null}
                placeholder={tr('designer.layout.addFieldPlaceholder')}
                showSearch={{ optionFilterProp: 'label' }}
                disabled={unplaced.length === 0}
                options={unplaced.map((f) => ({ value: f.name, label: label(f.label) }))}
                onChange={(field: string | null) => {
                  if (field) updateSection(si, { fields: [...s.fields, { field, required: false, readOnly: false }] });
                }}
              />
            </div>
          </Card>
        );
      })}
      <Space>
        <Button icon={<PlusOutlined />} onClick={addSection}>
          {tr('designer.layout.addSection')}
        </Button>
        <Button type="primary" onClick={submit} loading={save.isPending}>
          {tr('designer.layout.save')}
        </Button>
        {dirty && (
          <Button
            onClick={() => {
              setDirty(false);
              setBaseline(serverJson);
              setSectionsState(toState(server));
              setPageState(pageStateOf(server as PageLayout));
            }}
          >
            {tr('designer.discard')}
          </Button>
        )}
      </Space>
    </div>
  );
}
