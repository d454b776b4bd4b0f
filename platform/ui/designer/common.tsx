'use client';
/** Pieces shared by the designer screens: data types, cache refresh, sources, server errors by form item. */
import { useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { Alert, Form, Input, Space, Tag, Typography, type FormInstance } from 'antd';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import type { MessageKey } from '../../core/i18n';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC, type AppRouter } from '../trpc';

type Outputs = inferRouterOutputs<AppRouter>;
export type DesignerObjectRow = Outputs['designer']['objects'][number];
export type DesignerObject = NonNullable<Outputs['designer']['object']>;
export type DesignerField = DesignerObject['fields'][number];
export type DesignerLayout = DesignerObject['layouts'][number];
export type DesignerView = DesignerObject['views'][number];
export type FieldTypeInfo = Outputs['designer']['fieldTypes'][number];
export type Revision = Outputs['designer']['revisions'][number];
export type MetadataConflict = Outputs['designer']['conflicts'][number];
export type InstalledPackage = Outputs['designer']['packages'][number];
export type Template = Outputs['designer']['templates'][number];
export type InstallResult = Outputs['designer']['installPackage'];

/** The API-name rule the server applies. */
export const API_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** An API name suggested from an English label: "Customer grade" → "customer_grade". */
export function apiNameFrom(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = /^[a-z]/.test(s) ? s : s ? `f_${s}` : '';
  return name.slice(0, 63).replace(/_+$/, '');
}

/** Drop the designer's annotations (where an item comes from) before sending an item back. */
export function stripOrigin<T extends object>(item: T): Omit<T, 'source' | 'customized'> {
  const { source: _s, customized: _c, ...rest } = item as T & { source?: string; customized?: boolean };
  return rest;
}

/** Values as the revision history and conflicts show them: compact JSON. */
export function compactJson(value: unknown): string {
  if (value === undefined) return '—';
  return JSON.stringify(value) ?? String(value);
}

/** Refetch the designer's queries and the metadata every screen reads, and the server-rendered navigation. */
export function useRefreshMetadata() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.designer.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.meta.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() }),
    ]);
    router.refresh();
  }, [trpc, queryClient, router]);
}

/** Where an item comes from: stock, a package, or the workspace. */
export function SourceTag({ source }: { source: string }) {
  const { tr } = useT();
  if (source === 'stock') return <Tag>{tr('designer.source.stock')}</Tag>;
  if (source.startsWith('package:')) return <Tag color="purple">{tr('designer.source.package', { name: source.slice('package:'.length) })}</Tag>;
  return <Tag color="blue">{tr('designer.source.workspace')}</Tag>;
}

/** Tags for a customised and/or archived item. */
export function StateTags({ customized, archived }: { customized?: boolean; archived?: boolean }) {
  const { tr } = useT();
  return (
    <>
      {customized && <Tag color="gold">{tr('designer.customized')}</Tag>}
      {archived && <Tag color="red">{tr('designer.archived')}</Tag>}
    </>
  );
}

/**
 * Which form item a server error detail is about: the pointer's segments (last first) or the
 * detail's field, mapped through `alias` (pointer segment → form item) and kept if the form has it.
 */
export function itemOfDetail(detail: { field?: string; pointer?: string }, items: readonly string[], alias: Record<string, string> = {}): string | null {
  const segments = (detail.pointer ?? '').split('/').filter(Boolean);
  const candidates = [...segments.reverse(), detail.field ?? ''];
  for (const c of candidates) {
    const name = alias[c] ?? c;
    if (name && items.includes(name)) return name;
  }
  return null;
}

/**
 * Put a server error's details on the form items they name; what is left (or everything when no
 * detail names an item) is returned for a DetailsAlert, or null when every detail found its item.
 */
export function showDesignerError(
  form: FormInstance | null,
  items: readonly string[],
  e: unknown,
  { alias = {}, pick }: { alias?: Record<string, string>; pick?: (d: ClientAppError['details'][number]) => string | null } = {},
): ClientAppError | null {
  const err = appErrorOf(e);
  if (!err) return null;
  const placed = new Map<string, string[]>();
  const rest: ClientAppError['details'] = [];
  for (const d of err.details) {
    const item = pick?.(d) ?? itemOfDetail(d, items, alias);
    if (item && form) placed.set(item, [...(placed.get(item) ?? []), d.message]);
    else rest.push(d);
  }
  if (form && placed.size) form.setFields([...placed].map(([name, errors]) => ({ name, errors })));
  if (placed.size && rest.length === 0) return null;
  return { ...err, details: rest };
}

/** Where a detail is, as a small line under its message: "objects/deal.json · /fields/3/name". */
function detailPlace(d: { file?: string; pointer?: string }): string {
  return [d.file, d.pointer && d.pointer !== '/' ? d.pointer : undefined].filter(Boolean).join(' · ');
}

/** A server error as an Alert that lists every problem it carries, each with where it is. */
export function DetailsAlert({ error, style, onClose }: { error: ClientAppError | null | undefined; style?: React.CSSProperties; onClose?(): void }) {
  if (!error) return null;
  const seen = new Set<string>();
  const more = error.details
    .map((d) => ({ message: d.message, place: detailPlace(d) }))
    .filter((d) => {
      const key = `${d.message}\u0000${d.place}`;
      if (seen.has(key) || (d.message === error.message && !d.place)) return false;
      seen.add(key);
      return true;
    });
  const title = error.message;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      closable={Boolean(onClose)}
      onClose={onClose}
      style={{ marginBottom: 16, whiteSpace: 'pre-line', ...style }}
      title={title}
      description={
        more.length ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {more.map((m) => (
              <li key={`${m.message}\u0000${m.place}`}>
                {m.message}
                {m.place && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.place}
                    </Typography.Text>
                  </div>
                )}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/**
 * The English label, Chinese label and API name of a designer document (process, rule, approval
 * flow). The name is fixed once the document exists; `fixedHint` says so.
 */
export function LabelNameFields({ fixed, fixedHint, onNameTyped }: { fixed: boolean; fixedHint: MessageKey; onNameTyped(): void }) {
  const { tr } = useT();
  return (
    <Space size="large" wrap align="start">
      <Form.Item label={tr('designer.labelEn')} name="labelEn" rules={[{ required: true, whitespace: true, message: tr('admin.required') }]} style={{ width: 280 }}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('admin.labelZh')} name="labelZh" extra={tr('designer.zhHint')} style={{ width: 280 }}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={tr('admin.apiNameLabel')}
        name="name"
        extra={fixed ? tr(fixedHint) : tr('admin.apiNameHint')}
        style={{ width: 280 }}
        rules={[
          { required: true, message: tr('admin.required') },
          { pattern: API_NAME, message: tr('admin.apiNameHint') },
        ]}
      >
        <Input autoComplete="off" disabled={fixed} onChange={onNameTyped} />
      </Form.Item>
    </Space>
  );
}

export const SHARING_OPTIONS: { value: 'private' | 'read' | 'read_write'; label: MessageKey }[] = [
  { value: 'private', label: 'designer.sharing.private' },
  { value: 'read', label: 'designer.sharing.read' },
  { value: 'read_write', label: 'designer.sharing.readWrite' },
];
