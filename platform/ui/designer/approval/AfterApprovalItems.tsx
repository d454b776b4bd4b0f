'use client';
/**
 * The flow's `afterApproval` setting in the flow form: what a change to the fields the approval
 * covers does once a record is approved (nothing more, lock them, or reopen the approval), and
 * which fields those are (the object's data fields).
 */
import { Form, Select } from 'antd';
import { useT } from '../../i18n';
import type { FieldInfo } from '../../types';

export function AfterApprovalItems({ fields }: { fields: FieldInfo[] }) {
  const { tr, label } = useT();
  const form = Form.useFormInstance();
  const onEdit = Form.useWatch('afterOnEdit', form) as 'none' | 'lock' | 'reopen' | undefined;
  // Data fields users write: a lock on a computed or system field would mean nothing.
  const options = fields.filter((f) => !f.system && !f.readOnly).map((f) => ({ value: f.name, label: `${label(f.label)} (${f.name})` }));
  return (
    <>
      <Form.Item label={tr('designer.approval.afterApproval')} name="afterOnEdit" extra={tr('designer.approval.afterHint')} style={{ maxWidth: 720 }}>
        <Select
          options={[
            { value: 'none', label: tr('designer.approval.afterNone') },
            { value: 'lock', label: tr('designer.approval.afterLock') },
            { value: 'reopen', label: tr('designer.approval.afterReopen') },
          ]}
        />
      </Form.Item>
      {onEdit && onEdit !== 'none' && (
        <Form.Item
          label={tr('designer.approval.afterFields')}
          name="afterFields"
          style={{ maxWidth: 720 }}
          rules={[
            {
              validator: async (_r, v: string[] | undefined) => {
                if (!v?.length) throw new Error(tr('designer.approval.afterNoFields'));
              },
            },
          ]}
        >
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={options} />
        </Form.Item>
      )}
    </>
  );
}
