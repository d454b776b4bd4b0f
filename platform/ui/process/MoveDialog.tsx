'use client';
/**
 * The path's confirmation before a move. When the target stage's gate needs fields the record
 * lacks (a lost stage's loss reason), it asks for exactly those, saved with the stage in one update.
 */
import Form from '@rjsf/antd';
import { AmountWidget, type FormValuesContext } from '../form/AmountWidget';
import { LookupWidget } from '../RecordForm';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Alert, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { ClientAppError } from '../errors';
import { useT } from '../i18n';

export interface EditFormInfo {
  schema: { properties?: Record<string, unknown> };
  uiSchema: Record<string, unknown>;
}

function fieldErrors(error: ClientAppError | null, inputs: string[]): ErrorSchema {
  const out: Record<string, { __errors: string[] }> = {};
  for (const d of error?.details ?? []) if (d.field && inputs.includes(d.field)) (out[d.field] ??= { __errors: [] }).__errors.push(d.message);
  return out as ErrorSchema;
}

/** The generated form's own widgets the gate's inputs may use (an amount, a currency with it). */
const WIDGETS = { amount: AmountWidget, lookup: LookupWidget };
/** What those widgets read from the form (the lookup's known names start empty here). */
type GateFormContext = FormValuesContext & { names: Record<string, string>; rememberName(field: string, name: string): void };

export function MoveDialog(props: {
  stageLabel: string;
  inputs: string[];
  form: EditFormInfo;
  pending: boolean;
  error: ClientAppError | null;
  onMove(values: Record<string, unknown>): void;
  onCancel(): void;
}) {
  const { tr } = useT();
  const { stageLabel, inputs, form, pending, error } = props;
  const [values, setValues] = useState<Record<string, unknown>>({});
  const formId = 'move-dialog-form';
  const properties = Object.fromEntries(inputs.map((f) => [f, form.schema.properties?.[f]]));
  const uiSchema = Object.fromEntries(inputs.filter((f) => form.uiSchema[f]).map((f) => [f, form.uiSchema[f]]));
  // Refusals not about an input shown here (a condition gate); those about an input sit under it.
  const other = (error?.details ?? []).filter((d) => !d.field || !inputs.includes(d.field));
  const submit = (v: Record<string, unknown>) => props.onMove(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')));
  return (
    <Modal
      open
      title={tr('rec.path.confirmTitle', { stage: stageLabel })}
      okText={tr('rec.path.confirmOk')}
      cancelText={tr('ui.cancel')}
      confirmLoading={pending}
      onCancel={props.onCancel}
      okButtonProps={inputs.length ? { htmlType: 'submit', form: formId } : undefined}
      onOk={inputs.length ? undefined : () => submit({})}
      destroyOnHidden
    >
      {error && (
        <Alert
          role="alert"
          type="error"
          style={{ marginBottom: 12 }}
          title={other.length === 1 ? other[0].message : other.length === 0 && error.details.length === 0 ? error.message : tr('ui.fixErrors')}
          description={
            other.length > 1 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {other.map((d, i) => (
                  <li key={i}>{d.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {inputs.length > 0 && (
        <>
          <Typography.Paragraph>{tr('rec.path.needsInput', { stage: stageLabel })}</Typography.Paragraph>
          <Form
            id={formId}
            schema={{ type: 'object', properties, required: inputs } as RJSFSchema}
            uiSchema={{ ...(uiSchema as UiSchema), 'ui:submitButtonOptions': { norender: true } }}
            formData={values}
            validator={validator}
            noValidate
            noHtml5Validate
            showErrorList={false}
            extraErrors={fieldErrors(error, inputs)}
            widgets={WIDGETS}
            formContext={
              {
                values,
                setValue: (property: string, value: unknown) => setValues((v) => ({ ...v, [property]: value })),
                names: {},
                rememberName: () => {},
              } satisfies GateFormContext
            }
            onChange={(e) => setValues((e.formData ?? {}) as Record<string, unknown>)}
            onSubmit={(e) => submit((e.formData ?? {}) as Record<string, unknown>)}
          />
        </>
      )}
    </Modal>
  );
}
