'use client';
/**
 * Save a report: API name, label in both languages, folder, who can see it (only me, shared with
 * roles and groups picked from the principals list, everyone); errors on the field they name.
 * Sharing needs the "customise metadata" right: without it only "Only me" is offered, and the
 * dialog says why.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Form, Input, Modal, Select } from 'antd';
import { useRouter } from 'next/navigation';
import type { ReportDefinition } from '../../../reports/types';
import { appErrorOf, type ClientAppError } from '../../errors';
import { useT } from '../../i18n';
import { PrincipalSelect } from '../../sharing/PrincipalSelect';
import { useTRPC } from '../../trpc';
import { useSaveReport, type Visibility } from '../api';
import { placeOf, suggestName } from './definition';

export interface SaveValues {
  name: string;
  labelEn: string;
  labelZh?: string;
  folder?: string;
  visibility: Visibility;
  /** Shared: the roles and groups whose people see it. */
  roles?: string[];
  groups?: string[];
}

const FORM_FIELDS = new Set(['name', 'label', 'folder', 'visibility', 'sharedWith']);

export function SaveDialog({
  open,
  definition,
  initial,
  fixedName,
  folders,
  savedFolder,
  onClose,
  onDefinitionError,
}: {
  open: boolean;
  definition: ReportDefinition;
  initial: Partial<SaveValues>;
  /** Editing a saved report keeps its name. */
  fixedName?: boolean;
  folders: string[];
  /** The folder the report is in now, in both languages: kept when its name is left as it is. */
  savedFolder?: { en: string; zh: string };
  onClose(): void;
  /** An error about the definition itself goes back to the builder, onto the part it names. */
  onDefinitionError(error: ClientAppError): void;
}) {
  const { tr, label } = useT();
  const { message } = App.useApp();
  const router = useRouter();
  const trpc = useTRPC();
  const [form] = Form.useForm<SaveValues>();
  const save = useSaveReport();
  const me = useQuery({ ...trpc.account.me.queryOptions(), staleTime: 60_000 });
  const mayShare = me.data?.system.customizeMetadata === true;
  const visibility = Form.useWatch('visibility', form);
  const submit = async (v: SaveValues) => {
    try {
      const text = v.folder?.trim();
      const folder = !text ? undefined : savedFolder && label(savedFolder) === text ? savedFolder : { en: text, zh: text };
      await save.mutateAsync({
        definition: definition as unknown as Record<string, unknown>,
        name: v.name,
        label: { en: v.labelEn.trim(), zh: v.labelZh?.trim() || v.labelEn.trim() },
        folder,
        visibility: v.visibility,
        ...(v.visibility === 'shared' ? { sharedWith: { roles: v.roles ?? [], groups: v.groups ?? [] } } : {}),
        mode: fixedName ? 'update' : 'create',
      });
      message.success(tr('rui.builder.saved'));
      onClose();
      router.push(`/reports/${encodeURIComponent(v.name)}`);
    } catch (e) {
      const err = appErrorOf(e);
      if (!err) return;
      const onForm = err.details.filter((d) => FORM_FIELDS.has((placeOf(d) ?? '').split('.')[0]));
      if (onForm.length) {
        form.setFields(
          onForm.map((d) => {
            const place = placeOf(d)!.split('.')[0];
            const name =
              place === 'label' ? (d.pointer?.endsWith('/zh') ? 'labelZh' : 'labelEn') : place === 'sharedWith' ? (d.pointer?.includes('/groups') ? 'groups' : 'roles') : place;
            return { name: name as keyof SaveValues, errors: [d.message] };
          }),
        );
      } else if (err.details.length) {
        onClose();
        onDefinitionError(err);
      } else form.setFields([{ name: 'name', errors: [err.message] }]);
    }
  };
  // Without the right only "Only me" can be chosen; a report already shared still shows how it is (disabled).
  const choices: Visibility[] = mayShare ? ['private', 'shared', 'public'] : ['private'];
  const atLeastOne = () => ({
    validator: () =>
      form.getFieldValue('visibility') !== 'shared' || (form.getFieldValue('roles') ?? []).length + (form.getFieldValue('groups') ?? []).length > 0
        ? Promise.resolve()
        : Promise.reject(new Error(tr('sharing.pickSomeone'))),
  });
  return (
    <Modal
      open={open}
      title={tr('rui.builder.saveTitle')}
      okText={tr('rui.builder.save')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark initialValues={{ visibility: 'private', ...initial }}>
        <Form.Item name="labelEn" label={tr('rui.builder.labelEn')} rules={[{ required: true, whitespace: true }]}>
          <Input onChange={(e) => !fixedName && !form.isFieldTouched('name') && form.setFieldValue('name', suggestName(e.target.value))} />
        </Form.Item>
        <Form.Item name="labelZh" label={tr('rui.builder.labelZh')}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label={tr('rui.builder.name')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,62}$/ }]}>
          <Input disabled={fixedName} />
        </Form.Item>
        <Form.Item name="folder" label={tr('rui.builder.folder')}>
          <AutoComplete options={folders.map((f) => ({ value: f }))} filterOption />
        </Form.Item>
        <Form.Item name="visibility" label={tr('rui.builder.visibility')}>
          <Select
            aria-label={tr('rui.builder.visibility')}
            options={(mayShare || !initial.visibility ? choices : [...new Set([...choices, initial.visibility])]).map((v) => ({
              value: v,
              label: tr(v === 'shared' ? 'sharing.visibility.shared' : `rui.visibility.${v}`),
              disabled: !mayShare && v !== 'private',
            }))}
          />
        </Form.Item>
        {me.data && !mayShare ? <Alert type="info" showIcon title={tr('sharing.needsRight')} style={{ marginBottom: 16 }} /> : null}
        {visibility === 'shared' ? (
          <>
            <Form.Item name="roles" label={tr('principals.role')} extra={tr('sharing.rolesExact')} dependencies={['groups']} rules={[atLeastOne]}>
              <PrincipalSelect multiple kind="role" ariaLabel={tr('principals.role')} width="100%" />
            </Form.Item>
            <Form.Item name="groups" label={tr('principals.group')} dependencies={['roles']} rules={[atLeastOne]}>
              <PrincipalSelect multiple kind="group" ariaLabel={tr('principals.group')} width="100%" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
