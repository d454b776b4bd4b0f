'use client';
/**
 * Packages: the installed ones (uninstall), installing one from a folder or a .json bundle, the
 * industry templates (install, or a new workspace from one) and exporting the workspace's
 * customisations as a package.
 */
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { useId, useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, formatTime, SectionTitle } from '../admin/common';
import { API_NAME, DetailsAlert, showDesignerError, useRefreshMetadata, type InstalledPackage, type InstallResult, type Template } from './common';

type Files = Record<string, string>;

/** Files of a chosen folder, by path inside it (the folder's own name dropped). */
async function readFolder(list: FileList): Promise<Files> {
  const files: Files = {};
  for (const file of Array.from(list)) {
    const rel = (file.webkitRelativePath || file.name).replace(/\\/g, '/');
    const path = rel.includes('/') ? rel.slice(rel.indexOf('/') + 1) : rel;
    if (path.endsWith('.json')) files[path] = await file.text();
  }
  return files;
}

/** A .json bundle `{ "files": { path: text } }`. */
async function readBundle(file: File): Promise<Files> {
  const parsed = JSON.parse(await file.text()) as { files?: unknown };
  const files = parsed?.files;
  if (!files || typeof files !== 'object' || Array.isArray(files) || !Object.values(files).every((v) => typeof v === 'string')) throw new Error('bundle');
  return files as Files;
}

function manifestName(files: Files): string | null {
  try {
    const m = JSON.parse(files['manifest.json'] ?? 'null') as { name?: unknown } | null;
    return typeof m?.name === 'string' ? m.name : null;
  } catch {
    return null;
  }
}

function InstallOutcome({ result }: { result: InstallResult }) {
  const { tr } = useT();
  return (
    <Card size="small" role="status" style={{ marginTop: 16 }} title={tr('designer.pkg.result')}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'action', label: tr('designer.pkg.action'), children: <Tag color="green">{tr(`designer.pkg.action.${result.action}`)}</Tag> },
          { key: 'revision', label: tr('designer.rev.number'), children: result.revision ?? '—' },
          { key: 'records', label: tr('designer.pkg.records'), children: result.records },
          {
            key: 'conflicts',
            label: tr('designer.conflicts'),
            children:
              result.conflicts.length === 0 ? (
                tr('designer.conflict.none')
              ) : (
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {result.conflicts.map((c, i) => (
                    <li key={i}>
                      <code>
                        {c.key}
                        {c.path.length ? ` · ${c.path.join('.')}` : ''}
                      </code>
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
      {result.conflicts.length > 0 && (
        <Typography.Paragraph style={{ margin: '8px 0 0' }}>
          <Link href="/admin/designer/revisions">{tr('designer.pkg.conflictsHint')}</Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** Choose a package folder or a .json bundle and install it. `expect`: the package a template button asked for. */
function InstallPanel({ expect }: { expect?: Template }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const refresh = useRefreshMetadata();
  const id = useId();
  const [error, setError] = useState<ClientAppError | null>(null);
  const [result, setResult] = useState<InstallResult | null>(null);
  const install = useMutation(
    trpc.designer.installPackage.mutationOptions({
      onSuccess: async (r) => {
        setResult(r);
        await refresh();
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const start = (files: Files) => {
    setError(null);
    setResult(null);
    if (!Object.keys(files).length) return setError({ code: 'BAD_REQUEST', message: tr('designer.pkg.noFiles'), details: [] });
    const name = manifestName(files);
    if (expect && name && name !== expect.name)
      return setError({ code: 'BAD_REQUEST', message: tr('designer.pkg.wrongPackage', { found: name, expected: label(expect.label) }), details: [] });
    install.mutate({ files });
  };
  const onFolder = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const list = e.target.files;
    if (list?.length) start(await readFolder(list));
    e.target.value = '';
  };
  const onBundle = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      start(await readBundle(file));
    } catch {
      setError({ code: 'BAD_REQUEST', message: tr('designer.pkg.badBundle'), details: [] });
    }
  };
  return (
    <div>
      {expect && <Typography.Paragraph>{tr('designer.pkg.templateHint', { name: expect.name })}</Typography.Paragraph>}
      <Space orientation="vertical" size="middle" style={{ display: 'flex' }}>
        <div>
          <label htmlFor={`${id}-folder`} style={{ display: 'block', marginBottom: 4 }}>
            {tr('designer.pkg.folder')}
          </label>
          <input
            id={`${id}-folder`}
            type="file"
            multiple
            disabled={install.isPending}
            onChange={onFolder}
            ref={(el) => {
              if (el) {
                el.setAttribute('webkitdirectory', '');
                el.setAttribute('directory', '');
              }
            }}
          />
        </div>
        <div>
          <label htmlFor={`${id}-bundle`} style={{ display: 'block', marginBottom: 4 }}>
            {tr('designer.pkg.bundle')}
          </label>
          <input id={`${id}-bundle`} type="file" accept=".json,application/json" disabled={install.isPending} onChange={onBundle} />
        </div>
      </Space>
      {install.isPending && (
        <Typography.Paragraph style={{ marginTop: 12 }} aria-live="polite">
          {tr('designer.pkg.installing')}
        </Typography.Paragraph>
      )}
      <DetailsAlert error={error} style={{ marginTop: 16 }} onClose={() => setError(null)} />
      {result && <InstallOutcome result={result} />}
    </div>
  );
}

interface WorkspaceValues {
  name: string;
  label: string;
  template?: string;
  adminEmail: string;
  adminName: string;
  adminPassword: string;
}

function NewWorkspaceForm({ templates }: { templates: Template[] }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const [form] = Form.useForm<WorkspaceValues>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(
    trpc.designer.createWorkspace.mutationOptions({
      onSuccess: (_r, v) => {
        setCreated(v.adminEmail);
        form.resetFields();
      },
      onError: (e) =>
        setError(
          showDesignerError(form, ['name', 'label', 'template', 'adminEmail', 'adminName', 'adminPassword'], e, { alias: { email: 'adminEmail', password: 'adminPassword' } }),
        ),
    }),
  );
  return (
    <Form<WorkspaceValues>
      form={form}
      name="workspace"
      layout="vertical"
      style={{ maxWidth: 560 }}
      requiredMark={false}
      onFinish={(v) => {
        setError(null);
        setCreated(null);
        create.mutate({
          name: v.name.trim(),
          label: v.label.trim(),
          ...(v.template ? { template: v.template } : {}),
          adminEmail: v.adminEmail.trim(),
          adminName: v.adminName.trim(),
          adminPassword: v.adminPassword,
        });
      }}
    >
      {created && <Alert type="success" showIcon role="status" title={tr('designer.ws.created', { email: created })} style={{ marginBottom: 16 }} />}
      <DetailsAlert error={error} />
      <Form.Item
        label={tr('designer.ws.name')}
        name="name"
        extra={tr('admin.apiNameHint')}
        rules={[{ required: true, message: tr('admin.required') }, { pattern: API_NAME, message: tr('admin.apiNameHint') }, { max: 40 }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('designer.ws.label')} name="label" rules={[{ required: true, message: tr('admin.required') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('designer.ws.template')} name="template">
        <Select allowClear placeholder={tr('designer.ws.noTemplate')} options={templates.map((t) => ({ value: t.name, label: label(t.label) }))} />
      </Form.Item>
      <Form.Item label={tr('designer.ws.adminEmail')} name="adminEmail" rules={[{ required: true, message: tr('admin.required') }]}>
        <Input inputMode="email" autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('designer.ws.adminName')} name="adminName" rules={[{ required: true, message: tr('admin.required') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('designer.ws.adminPassword')} name="adminPassword" extra={tr('admin.user.passwordHint')} rules={[{ required: true, message: tr('admin.required') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {tr('designer.ws.create')}
      </Button>
    </Form>
  );
}

interface ExportValues {
  name: string;
  version: string;
  labelEn: string;
  labelZh?: string;
  objects?: string[];
}

function ExportForm() {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const objects = useQuery(trpc.designer.objects.queryOptions());
  const [form] = Form.useForm<ExportValues>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const [exported, setExported] = useState<{ file: string; files: Files } | null>(null);
  const run = useMutation(
    trpc.designer.exportPackage.mutationOptions({
      onSuccess: (files, v) => setExported({ file: `${v.name}-${v.version}.json`, files }),
      onError: (e) => setError(showDesignerError(form, ['name', 'version', 'labelEn', 'labelZh', 'objects'], e, { alias: { label: 'labelEn' } })),
    }),
  );
  const download = () => {
    if (!exported) return;
    const blob = new Blob([`${JSON.stringify({ files: exported.files }, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = exported.file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div>
      <Form<ExportValues>
        form={form}
        name="export"
        layout="vertical"
        style={{ maxWidth: 560 }}
        requiredMark={false}
        initialValues={{ version: '1.0.0' }}
        onFinish={(v) => {
          setError(null);
          setExported(null);
          const en = v.labelEn.trim();
          run.mutate({ name: v.name.trim(), version: v.version.trim(), label: { en, zh: v.labelZh?.trim() || en }, ...(v.objects?.length ? { objects: v.objects } : {}) });
        }}
      >
        <DetailsAlert error={error} />
        <Form.Item
          label={tr('designer.pkg.name')}
          name="name"
          extra={tr('admin.apiNameHint')}
          rules={[
            { required: true, message: tr('admin.required') },
            { pattern: API_NAME, message: tr('admin.apiNameHint') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={tr('designer.pkg.version')}
          name="version"
          rules={[
            { required: true, message: tr('admin.required') },
            { pattern: /^\d+\.\d+\.\d+$/, message: tr('designer.pkg.versionHint') },
          ]}
        >
          <Input autoComplete="off" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={tr('designer.labelEn')} name="labelEn" rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('admin.labelZh')} name="labelZh" extra={tr('designer.zhHint')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('designer.pkg.objects')} name="objects" extra={tr('designer.pkg.objectsHint')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={objects.isLoading}
            options={(objects.data ?? []).map((o) => ({ value: o.name, label: `${label(o.label)} (${o.name})` }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<ExportOutlined />} loading={run.isPending}>
          {tr('designer.pkg.export')}
        </Button>
      </Form>
      {exported && (
        <Card
          size="small"
          role="status"
          style={{ marginTop: 16 }}
          title={tr('designer.pkg.exported', { count: Object.keys(exported.files).length })}
          extra={
            <Button icon={<DownloadOutlined />} onClick={download}>
              {tr('designer.pkg.download')}
            </Button>
          }
        >
          <ul aria-label={tr('designer.pkg.files')} style={{ margin: 0, paddingLeft: 16 }}>
            {Object.keys(exported.files).map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

export function PackagesPage() {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const packages = useQuery(trpc.designer.packages.queryOptions());
  const templates = useQuery(trpc.designer.templates.queryOptions());
  const [installing, setInstalling] = useState<Template | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const uninstall = useMutation(
    trpc.designer.uninstallPackage.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await refresh();
        message.success(tr('designer.pkg.uninstalled'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  return (
    <AdminPage title={tr('designer.packages')}>
      <SectionTitle>{tr('designer.pkg.installed')}</SectionTitle>
      {packages.error && <DetailsAlert error={appErrorOf(packages.error)} />}
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Table<InstalledPackage>
        rowKey="name"
        size="middle"
        dataSource={packages.data ?? []}
        loading={packages.isLoading || packages.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tr('designer.pkg.none') }}
        columns={[
          { key: 'label', title: tr('designer.pkg.label'), render: (_, p) => label(p.label) },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, p) => <code>{p.name}</code> },
          { key: 'version', title: tr('designer.pkg.version'), render: (_, p) => p.version },
          {
            key: 'status',
            title: tr('designer.pkg.status'),
            render: (_, p) => (
              <Tag color={p.status === 'installed' ? 'green' : undefined}>{tr(p.status === 'installed' ? 'designer.pkg.status.installed' : 'designer.pkg.status.uninstalled')}</Tag>
            ),
          },
          { key: 'updated', title: tr('designer.pkg.updated'), render: (_, p) => formatTime(p.updatedAt) },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, p) =>
              p.status === 'installed' && (
                <Popconfirm
                  title={tr('designer.pkg.confirmUninstall', { name: label(p.label) })}
                  description={tr('designer.pkg.uninstallHint')}
                  okText={tr('designer.pkg.uninstall')}
                  okButtonProps={{ danger: true }}
                  cancelText={tr('ui.cancel')}
                  onConfirm={() => uninstall.mutate({ name: p.name })}
                >
                  <Button size="small" danger aria-label={`${tr('designer.pkg.uninstall')}: ${label(p.label)}`}>
                    {tr('designer.pkg.uninstall')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />

      <SectionTitle>{tr('designer.pkg.upload')}</SectionTitle>
      <Typography.Paragraph type="secondary">{tr('designer.pkg.uploadHint')}</Typography.Paragraph>
      <InstallPanel />

      <SectionTitle>{tr('designer.pkg.templates')}</SectionTitle>
      {templates.error && <DetailsAlert error={appErrorOf(templates.error)} />}
      <Table<Template>
        rowKey="name"
        size="middle"
        dataSource={templates.data ?? []}
        loading={templates.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tr('designer.pkg.noTemplates') }}
        columns={[
          { key: 'label', title: tr('designer.pkg.label'), render: (_, t) => label(t.label) },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, t) => <code>{t.name}</code> },
          { key: 'version', title: tr('designer.pkg.version'), render: (_, t) => t.version },
          {
            key: 'description',
            title: tr('admin.description'),
            render: (_, t) => <span style={{ display: 'inline-block', maxWidth: 420, whiteSpace: 'normal' }}>{t.description}</span>,
          },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, t) => (
              <Button size="small" onClick={() => setInstalling(t)}>
                {tr('designer.pkg.installOf', { name: label(t.label) })}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={installing !== null}
        title={installing ? tr('designer.pkg.installOf', { name: label(installing.label) }) : ''}
        footer={null}
        onCancel={() => setInstalling(null)}
        destroyOnHidden
      >
        {installing && <InstallPanel expect={installing} />}
      </Modal>

      <SectionTitle>{tr('designer.ws.title')}</SectionTitle>
      <NewWorkspaceForm templates={templates.data ?? []} />

      <SectionTitle>{tr('designer.pkg.exportTitle')}</SectionTitle>
      <ExportForm />
    </AdminPage>
  );
}
