'use client';
/**
 * The web-form editor in the designer: the form's fields (picked from the object's fields a public
 * form can take, each with its label in both languages and a required box), hidden values, the
 * thank-you message or a redirect, allowed origins, default owner and limits; beside it a live
 * preview in either language and the HTML to embed. Saves through designer.saveItem (kind web_form),
 * so every cross-check runs and comes back with its pointer.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, Input, InputNumber, Row, Segmented, Select, Space, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Locale } from '../../core/i18n';
import type { FieldDef } from '../../fields/types';
import type { WebFormDefinition } from '../../metadata/generated/web_form';
import { formViewModel, PUBLIC_FIELD_TYPES, type ViewText } from '../../webforms/shape';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { DetailsAlert, useRefreshMetadata } from '../designer/common';
import { PublicFormView } from './PublicFormView';
import { fetchSnippet, htmlSnippet } from './snippet';

type Entry = WebFormDefinition['fields'][number];
/** A form being edited: it may have no fields yet (the save then names the problem). */
type Draft = Omit<WebFormDefinition, 'fields'> & { fields: Entry[] };

function Labelled({ label, children }: { label: string; children: React.ReactElement<{ id?: string }> }) {
  const id = `wf_${label.replace(/\W+/g, '_')}`;
  return (
    <div style={{ marginBottom: 12 }}>
      <label htmlFor={id} style={{ display: 'block', fontWeight: 500, marginBottom: 4 }}>
        {label}
      </label>
      {{ ...children, props: { ...children.props, id } }}
    </div>
  );
}

function useViewText(locale: Locale): ViewText {
  const { tr } = useT();
  void locale;
  return {
    submit: tr('webForm.submit'),
    sending: tr('webForm.sending'),
    fix: tr('webForm.fix'),
    honeypot: tr('webForm.honeypotLabel'),
    choose: tr('webForm.choose'),
    failed: tr('webForm.failedRetry'),
    other: '',
  };
}

/** Editor for a new (`initial` undefined) or existing form of `object`. */
export function WebFormEditor({ object, fields, initial, onDone }: { object: string; fields: FieldDef[]; initial?: WebFormDefinition; onDone(): void }) {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const ws = useQuery(trpc.webforms.workspace.queryOptions());
  const [error, setError] = useState<ClientAppError | null>(null);
  const [previewLang, setPreviewLang] = useState<Locale>(locale);
  const [form, setForm] = useState<Draft>(
    initial ?? { object, name: '', label: { en: '', zh: '' }, active: true, language: 'zh', fields: [], hiddenValues: object === 'lead' ? { source: 'web' } : {} },
  );
  const set = (patch: Partial<Draft>) => setForm((f) => ({ ...f, ...patch }));
  const eligible = fields.filter((f) => !f.system && !f.readOnly && PUBLIC_FIELD_TYPES.includes(f.type));
  const byName = useMemo(() => new Map(fields.map((f) => [f.name, f])), [fields]);
  const text = useViewText(previewLang);
  const view = formViewModel(ws.data?.name ?? 'workspace', { ...form, name: form.name || 'form' } as WebFormDefinition, (n) => byName.get(n), previewLang, text);
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const save = useMutation(
    trpc.designer.saveItem.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('webForm.d.saved'));
        onDone();
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const updateEntry = (i: number, patch: Partial<Entry>) => set({ fields: form.fields.map((e, j) => (j === i ? { ...e, ...patch } : e)) });
  const hidden = Object.entries(form.hiddenValues ?? {});
  const setHidden = (rows: [string, unknown][]) => set({ hiddenValues: Object.fromEntries(rows.filter(([k]) => k)) });
  const labelOf = (l: { en: string; zh: string } | undefined, lang: 'en' | 'zh') => l?.[lang] ?? '';
  const setEntryLabel = (i: number, lang: 'en' | 'zh', v: string) => {
    const f = byName.get(form.fields[i].field);
    const base = form.fields[i].label ?? { en: f?.label.en ?? '', zh: f?.label.zh ?? '' };
    updateEntry(i, { label: { ...base, [lang]: v } });
  };
  const doc = (): Draft => {
    const d: Draft = { ...form, fields: form.fields.map((e) => (e.label && (!e.label.en || !e.label.zh) ? { ...e, label: undefined } : e)) };
    for (const k of ['thankYou', 'description'] as const) if (d[k] && (!d[k]!.en || !d[k]!.zh)) delete d[k];
    if (!d.redirectUrl) delete d.redirectUrl;
    if (!d.defaultOwner) delete d.defaultOwner;
    if (!d.honeypot) delete d.honeypot;
    if (!d.allowedOrigins?.length) delete d.allowedOrigins;
    return JSON.parse(JSON.stringify(d));
  };

  return (
    <Row gutter={24}>
      <Col xs={24} lg={12}>
        <DetailsAlert error={error} onClose={() => setError(null)} />
        <Labelled label={tr('webForm.d.name')}>
          <Input value={form.name} disabled={Boolean(initial)} onChange={(e) => set({ name: e.target.value })} />
        </Labelled>
        <Labelled label={tr('webForm.d.titleEn')}>
          <Input value={form.label.en} onChange={(e) => set({ label: { ...form.label, en: e.target.value } })} />
        </Labelled>
        <Labelled label={tr('webForm.d.titleZh')}>
          <Input value={form.label.zh} onChange={(e) => set({ label: { ...form.label, zh: e.target.value } })} />
        </Labelled>
        <Space style={{ marginBottom: 12 }} wrap>
          <Switch checked={form.active === true} onChange={(v) => set({ active: v })} aria-label={tr('webForm.d.active')} /> {tr('webForm.d.active')}
          <Select
            aria-label={tr('webForm.d.language')}
            value={form.language ?? 'en'}
            onChange={(v) => set({ language: v })}
            options={[
              { value: 'zh', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Space>
        <Labelled label={tr('webForm.d.fields')}>
          <Select
            mode="multiple"
            style={{ width: '100%' }}
            value={form.fields.map((e) => e.field)}
            onChange={(names: string[]) => set({ fields: names.map((n) => form.fields.find((e) => e.field === n) ?? { field: n }) })}
            options={eligible.map((f) => ({ value: f.name, label: label(f.label) }))}
          />
        </Labelled>
        {form.fields.map((e, i) => (
          <Space key={e.field} wrap style={{ marginBottom: 8 }} align="center">
            <Typography.Text strong style={{ minWidth: 90, display: 'inline-block' }}>
              {label(byName.get(e.field)?.label) || e.field}
            </Typography.Text>
            <Input
              aria-label={`${tr('webForm.d.fieldLabelEn')}: ${e.field}`}
              placeholder="English"
              value={labelOf(e.label ?? byName.get(e.field)?.label, 'en')}
              onChange={(v) => setEntryLabel(i, 'en', v.target.value)}
              style={{ width: 150 }}
            />
            <Input
              aria-label={`${tr('webForm.d.fieldLabelZh')}: ${e.field}`}
              placeholder="中文"
              value={labelOf(e.label ?? byName.get(e.field)?.label, 'zh')}
              onChange={(v) => setEntryLabel(i, 'zh', v.target.value)}
              style={{ width: 120 }}
            />
            <Checkbox checked={e.required === true} onChange={(v) => updateEntry(i, { required: v.target.checked || undefined })}>
              {tr('webForm.d.required')}
            </Checkbox>
          </Space>
        ))}
        <Typography.Title level={5}>{tr('webForm.d.hidden')}</Typography.Title>
        {hidden.map(([k, v], i) => (
          <Space key={i} style={{ marginBottom: 8 }} wrap>
            <Select
              aria-label={tr('webForm.d.hiddenField')}
              style={{ width: 160 }}
              value={k}
              onChange={(n: string) => setHidden(hidden.map((row, j) => (j === i ? [n, row[1]] : row)))}
              options={eligible.filter((f) => !form.fields.some((e) => e.field === f.name)).map((f) => ({ value: f.name, label: label(f.label) }))}
            />
            <Input
              aria-label={`${tr('webForm.d.hiddenValue')}: ${k}`}
              value={String(v ?? '')}
              onChange={(e) => setHidden(hidden.map((row, j) => (j === i ? [row[0], e.target.value] : row)))}
              style={{ width: 160 }}
            />
            <Button aria-label={`${tr('ui.delete')}: ${k}`} icon={<DeleteOutlined />} onClick={() => setHidden(hidden.filter((_, j) => j !== i))} />
          </Space>
        ))}
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setHidden([...hidden, ['', '']])} style={{ marginBottom: 12 }}>
            {tr('webForm.d.addHidden')}
          </Button>
        </div>
        <Labelled label={tr('webForm.d.thanksEn')}>
          <Input.TextArea rows={2} value={form.thankYou?.en ?? ''} onChange={(e) => set({ thankYou: { en: e.target.value, zh: form.thankYou?.zh ?? '' } })} />
        </Labelled>
        <Labelled label={tr('webForm.d.thanksZh')}>
          <Input.TextArea rows={2} value={form.thankYou?.zh ?? ''} onChange={(e) => set({ thankYou: { en: form.thankYou?.en ?? '', zh: e.target.value } })} />
        </Labelled>
        <Labelled label={tr('webForm.d.redirect')}>
          <Input value={form.redirectUrl ?? ''} onChange={(e) => set({ redirectUrl: e.target.value })} />
        </Labelled>
        <Labelled label={tr('webForm.d.origins')}>
          <Select mode="tags" style={{ width: '100%' }} value={form.allowedOrigins ?? []} onChange={(v: string[]) => set({ allowedOrigins: v })} open={false} />
        </Labelled>
        <Typography.Paragraph type="secondary">{tr('webForm.d.originsHint')}</Typography.Paragraph>
        <Labelled label={tr('webForm.d.owner')}>
          <Input type="email" value={form.defaultOwner ?? ''} onChange={(e) => set({ defaultOwner: e.target.value })} />
        </Labelled>
        <Labelled label={tr('webForm.d.honeypot')}>
          <Input value={form.honeypot ?? ''} placeholder="homepage" onChange={(e) => set({ honeypot: e.target.value })} />
        </Labelled>
        <Labelled label={tr('webForm.d.perIp')}>
          <InputNumber
            min={1}
            max={10000}
            value={form.rateLimit?.perIpPerMinute ?? 10}
            onChange={(v) => set({ rateLimit: { ...form.rateLimit, perIpPerMinute: v ?? undefined } })}
          />
        </Labelled>
        <Labelled label={tr('webForm.d.perForm')}>
          <InputNumber
            min={1}
            max={100000}
            value={form.rateLimit?.perFormPerMinute ?? 600}
            onChange={(v) => set({ rateLimit: { ...form.rateLimit, perFormPerMinute: v ?? undefined } })}
          />
        </Labelled>
        <Space>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => save.mutate({ kind: 'web_form', doc: doc() as unknown as Record<string, unknown>, mode: initial ? 'update' : 'create' })}
          >
            {tr('ui.save')}
          </Button>
          <Button onClick={onDone}>{tr('ui.cancel')}</Button>
        </Space>
      </Col>
      <Col xs={24} lg={12}>
        <Space style={{ marginBottom: 8 }} align="center">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {tr('webForm.d.preview')}
          </Typography.Title>
          <Segmented
            aria-label={tr('webForm.d.language')}
            value={previewLang}
            onChange={(v) => setPreviewLang(v as Locale)}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Space>
        <div style={{ border: '1px solid #e5e6eb', borderRadius: 8, padding: 16, marginBottom: 16 }} lang={previewLang}>
          <Typography.Title level={4}>{view.title}</Typography.Title>
          <PublicFormView key={`${previewLang}:${view.fields.map((f) => f.name + f.label + f.required).join()}`} view={view} preview />
        </div>
        <Snippet title={tr('webForm.d.snippetHtml')} code={htmlSnippet(origin, view)} />
        <Snippet title={tr('webForm.d.snippetFetch')} code={fetchSnippet(origin, view)} />
      </Col>
    </Row>
  );
}

function Snippet({ title, code }: { title: string; code: string }) {
  const { tr } = useT();
  const { message } = App.useApp();
  return (
    <div style={{ marginBottom: 16 }}>
      <Space style={{ marginBottom: 4 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Button size="small" onClick={() => navigator.clipboard?.writeText(code).then(() => message.success(tr('webForm.d.copied')))}>
          {tr('webForm.d.copy')}
        </Button>
      </Space>
      <Input.TextArea aria-label={title} readOnly value={code} autoSize={{ minRows: 4, maxRows: 14 }} style={{ fontFamily: 'monospace', fontSize: 12 }} />
    </div>
  );
}
