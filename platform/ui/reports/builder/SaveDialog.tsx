'use client';
/** Save a report: API name, label in both languages, folder, who can see it; errors on the field they name. */
import { App, AutoComplete, Form, Input, Modal, Select } from 'antd';
import { useRouter } from 'next/navigation';
import type { ReportDefinition } from '../../../reports/types';
import { appErrorOf, type ClientAppError } from '../../errors';
import { useT } from '../../i18n';
import { useSaveReport, type Visibility } from '../api';
import { placeOf, suggestName } from './definition';

export interface SaveValues {
  name: string;
  labelEn: string;
  labelZh?: string;
  folder?: string;
  visibility: Visibility;
}

const FORM_FIELDS = new Set(['name', 'label', 'folder', 'visibility']);

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
  const [form] = Form.useForm<SaveValues>();
  const save = useSaveReport();
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
            const name = place === 'label' ? (d.pointer?.endsWith('/zh') ? 'labelZh' : 'labelEn') : place;
            return { name: name as keyof SaveValues, errors: [d.message] };
          }),
        );
      } else if (err.details.length) {
        onClose();
        onDefinitionError(err);
      } else form.setFields([{ name: 'name', errors: [err.message] }]);
    }
  };
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
          <Select options={(['private', 'public'] as const).map((v) => ({ value: v, label: tr(`rui.visibility.${v}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
