'use client';
/**
 * Create/edit form rendered by react-jsonschema-form (@rjsf/antd) from the JSON Schema and uiSchema
 * the runtime derives from metadata and the layout (the layout of the record's sales process, when
 * it has its own). Form rules apply as the user types: fields hidden by visibleIf are left out and
 * not submitted, requiredIf marks fields required, readOnlyIf locks them. Validation happens on the
 * server (one set of rules and messages for every channel); its errors are shown by their fields.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Form from '@rjsf/antd';
import { ariaDescribedByIds, type ErrorSchema, ObjectFieldTemplateProps, RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from './errors';
import { AmountWidget, type FormValuesContext } from './form/AmountWidget';
import { keepEnterInPickers, unreadableNumbers } from './form/formGuards';
import { useT } from './i18n';
import { NavButton } from './NavButton';
import { LookupSelect } from './LookupSelect';
import { applyFormRules, fitStageToProcess } from './process/formRules';
import { screensFor } from './process/screens';
import type { ProcessesInfo, RuledFieldInfo } from './process/types';
import { useConditionContext } from './process/useUserId';
import { useTRPC } from './trpc';
import { usePrefill } from './record/usePrefill';
import type { FieldInfo, RecordValues } from './types';

interface FormSection {
  id: string;
  label: string;
  columns: 1 | 2;
  fields: string[];
}

interface FormContext extends FormValuesContext {
  sections: FormSection[];
  /** Display names of the lookups' current values. */
  names: Record<string, string>;
  rememberName(field: string, name: string): void;
}

/** Lays the properties out in the layout's sections, one or two columns each. */
function SectionsTemplate(props: ObjectFieldTemplateProps) {
  const ctx = props.registry.formContext as FormContext;
  const byName = new Map(props.properties.map((p) => [p.name, p]));
  return (
    <div>
      {ctx.sections.map((s) => {
        const items = s.fields.map((f) => byName.get(f)).filter((p) => p && !p.hidden);
        if (items.length === 0) return null;
        return (
          <section key={s.id} aria-labelledby={`section-${s.id}`} style={{ marginBottom: 8 }}>
            <Typography.Title level={2} id={`section-${s.id}`} style={{ fontSize: 16, margin: '8px 0 12px' }}>
              {s.label}
            </Typography.Title>
            <div className={`tessera-form-grid${s.columns === 1 ? ' one' : ''}`}>
              {items.map((p) => (
                <div key={p!.name}>{p!.content}</div>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}

/** A lookup property as a searchable select (also used by the sales path's gate dialog). */
export function LookupWidget(props: WidgetProps) {
  const { tr } = useT();
  const target = String((props.options as { target?: string }).target ?? '');
  const ctx = props.registry.formContext as FormContext;
  const fieldName = props.id.replace(/^root_/, '');
  return (
    <LookupSelect
      id={props.id}
      ariaDescribedBy={ariaDescribedByIds(props.id)}
      object={target}
      value={(props.value as string) ?? null}
      currentName={ctx.names[fieldName]}
      disabled={props.disabled || props.readonly}
      placeholder={tr('ui.lookup.placeholder', { object: props.label })}
      onChange={(v, name) => {
        if (name) ctx.rememberName(fieldName, name);
        props.onChange(v ?? undefined);
      }}
    />
  );
}

const widgets = { lookup: LookupWidget, amount: AmountWidget };

/** The code of the form's own refusal to save a number it could not read (never sent). */
const UNREADABLE = 'UNREADABLE_NUMBER';
const templates = { ObjectFieldTemplate: SectionsTemplate };

function toErrorSchema(err: ClientAppError | null): ErrorSchema {
  const out: Record<string, { __errors: string[] }> = {};
  for (const d of err?.details ?? []) {
    if (!d.field) continue;
    (out[d.field] ??= { __errors: [] }).__errors.push(d.message);
  }
  return out as ErrorSchema;
}

/** Values that changed between the record and the form (cleared fields become null). */
function changes(schema: RJSFSchema, before: RecordValues, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties ?? {})) {
    const a = before[key] ?? null;
    const b = after[key] === undefined || after[key] === '' ? null : after[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = b;
  }
  return out;
}

/** The create or edit form of a record; `prefill` is the new-record page's query (field values, `_back`). */
export function RecordForm({ object, id, prefill }: { object: string; id?: string; prefill?: Record<string, string | string[] | undefined> }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr, label } = useT();
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const record = useQuery({ ...trpc.records.get.queryOptions({ object, id: id ?? '' }), enabled: Boolean(id) });
  const [formData, setFormData] = useState<Record<string, unknown> | undefined>();
  const [error, setError] = useState<ClientAppError | null>(null);
  // Names of lookup values chosen in this form, so a re-render can still label them.
  const [chosenNames, setChosenNames] = useState<Record<string, string>>({});
  const when = useConditionContext();
  const fromUrl = usePrefill(
    id ? undefined : prefill,
    object,
    meta.data?.object.fields as FieldInfo[] | undefined,
    meta.data?.createForm.schema.properties as Record<string, object> | undefined,
  );

  const onDone = async (saved: RecordValues) => {
    await queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
    message.success(tr('ui.saved'));
    router.push(fromUrl.back ?? `/o/${object}/${saved.id}`);
  };
  const create = useMutation(trpc.records.create.mutationOptions({ onSuccess: onDone, onError: (e) => setError(appErrorOf(e)) }));
  const update = useMutation(trpc.records.update.mutationOptions({ onSuccess: onDone, onError: (e) => setError(appErrorOf(e)) }));

  if (meta.error || record.error) return <Alert type="error" title={appErrorOf(meta.error ?? record.error)?.message} />;
  if (!meta.data || (id && !record.data) || fromUrl.loading) return <Card loading />;
  const objectLabel = label(meta.data.object.label);
  const current = (record.data ?? {}) as RecordValues;
  const processes = meta.data.processes as ProcessesInfo | null;
  // Edit: the record's values of every field some layout of it may show (its process can change in the form).
  const editKeys = [meta.data.editForm, ...Object.values(meta.data.processScreens ?? {}).map((s) => s.editForm)].flatMap((f) => Object.keys(f.schema.properties as object));
  const initial = formData ?? (id ? Object.fromEntries(editKeys.map((k) => [k, current[k] ?? undefined])) : fromUrl.values);
  const processName = processes ? (initial[processes.field] ?? current[processes.field] ?? processes.processes.find((p) => p.isDefault)?.name) : undefined;
  const screens = screensFor(meta.data, processName);
  const form = applyFormRules(id ? screens.editForm : screens.createForm, {
    fields: meta.data.object.fields as RuledFieldInfo[],
    values: initial,
    stored: id ? current : null,
    processes,
    ctx: when,
    label,
  });
  const shown = (key: string) => key in (form.schema.properties as object);
  // A property another field's widget carries (an amount's currency) has no place for its error: the alert says it.
  const shownAsField = (key: string) => shown(key) && (form.uiSchema as Record<string, { 'ui:widget'?: string } | undefined>)[key]?.['ui:widget'] !== 'hidden';
  const busy = create.isPending || update.isPending;
  const title = id ? `${tr('ui.edit')} · ${String(current.name ?? '')}` : tr('ui.new', { object: objectLabel });

  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {title}
        </Typography.Title>
      }
    >
      {error && (
        <Alert
          role="alert"
          type="error"
          style={{ marginBottom: 16 }}
          title={error.details.some((d) => d.field) ? tr('ui.fixErrors') : error.message}
          description={
            error.details
              .filter((d) => !d.field || !shownAsField(d.field))
              .map((d) => d.message)
              .join('; ') || undefined
          }
        />
      )}
      <div onKeyDown={keepEnterInPickers}>
        <Form
          schema={form.schema as RJSFSchema}
          uiSchema={{ ...(form.uiSchema as UiSchema), 'ui:submitButtonOptions': { norender: true } }}
          formData={initial}
          validator={validator}
          noValidate
          noHtml5Validate
          showErrorList={false}
          extraErrors={toErrorSchema(error)}
          widgets={widgets}
          templates={templates}
          formContext={
            {
              sections: form.sections,
              names: { ...(current.$names ?? {}), ...fromUrl.names, ...chosenNames },
              rememberName: (f, n) => setChosenNames((c) => ({ ...c, [f]: n })),
              values: initial,
              setValue: (k, v) => setFormData({ ...initial, [k]: v }),
            } satisfies FormContext
          }
          onChange={(e) => {
            const next = (e.formData ?? {}) as Record<string, unknown>;
            // A new process: a stage it does not have becomes its first stage.
            const processChanged = processes && next[processes.field] !== initial[processes.field];
            setFormData(processChanged ? fitStageToProcess(next, processes) : next);
            // The form's own refusal goes once every number reads again.
            if (error?.code === UNREADABLE && !unreadableNumbers(form.schema as RJSFSchema, next).length) setError(null);
          }}
          onSubmit={(e) => {
            setError(null);
            const data = (e.formData ?? {}) as Record<string, unknown>;
            // A number the input could not read is shown as an error under its field; nothing is saved.
            const unreadable = unreadableNumbers(form.schema as RJSFSchema, data).filter(shown);
            if (unreadable.length) {
              setError({ code: UNREADABLE, message: tr('ui.fixErrors'), details: [] });
              document.getElementById(`root_${unreadable[0]}`)?.focus();
              return;
            }
            if (id) update.mutate({ object, id, values: changes(form.schema as RJSFSchema, current, data), expectedVersion: current.version });
            else create.mutate({ object, values: Object.fromEntries(Object.entries(data).filter(([k, v]) => shown(k) && v !== undefined && v !== '')) });
          }}
        >
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" htmlType="submit" loading={busy}>
              {tr('ui.save')}
            </Button>
            <NavButton href={id ? `/o/${object}/${id}` : (fromUrl.back ?? `/o/${object}`)}>{tr('ui.cancel')}</NavButton>
          </Space>
        </Form>
      </div>
    </Card>
  );
}
