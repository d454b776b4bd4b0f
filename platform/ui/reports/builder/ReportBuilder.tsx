'use client';
/**
 * The report builder: pick the object, drag fields into Columns and Group by (or use their
 * buttons), choose the format, buckets, aggregates, formulas, filters and chart; the result below
 * follows every change (a debounced run of the unsaved definition); Save names and files it.
 */
import { ColumnWidthOutlined, DeleteOutlined, GroupOutlined, PlusSquareOutlined, SaveOutlined } from '@ant-design/icons';
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, pointerWithin, useSensor, useSensors, type CollisionDetection, type DragEndEvent } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Segmented, Select, Skeleton, Space, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { t } from '../../../core/i18n';
import type { ReportDefinition, ReportGrouping } from '../../../reports/types';
import { appErrorOf, type ClientAppError } from '../../errors';
import { FilterBuilder, toCondition } from '../../FilterBuilder';
import { useT } from '../../i18n';
import { fromCondition } from '../../list/listUrl';
import { useTRPC } from '../../trpc';
import type { FieldInfo } from '../../types';
import { useDefinitionRun, useReportFields, useReportList, useSavedReport, type ReportField } from '../api';
import { fieldTypesOf } from '../fieldTypes';
import { PageHeader } from '../PageHeader';
import { ReportChart } from '../ReportChart';
import { reportTitle } from '../ReportPage';
import { ReportView } from '../ReportView';
import { ChartEditor } from './ChartEditor';
import { emptyDefinition, groupingLimit, insertField, moveItem, placeOf, previewDefinition, removeItem, setFormat, type ListName } from './definition';
import { DraggableField, DropList, SortableItem } from './dnd';
import { GroupingBucket } from './GroupingBucket';
import { GroupOrder, RowSortEditor, useMeasureOptions } from './GroupOrder';
import { AggregatesEditor, FormulasEditor } from './MeasuresEditor';
import { SaveDialog, type SaveValues } from './SaveDialog';
import styles from './builder.module.css';

const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : closestCenter(args);
};

/** The definition after a little quiet, so typing does not run a report per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function ReportBuilder({ name, from, object: initialObject }: { name?: string; from?: string; object?: string }) {
  const { tr, label, locale } = useT();
  const trpc = useTRPC();
  const source = useSavedReport(name ?? from);
  const session = useQuery(trpc.meta.session.queryOptions());
  const list = useReportList();
  const [def, setDef] = useState<ReportDefinition | null>(initialObject ? emptyDefinition(initialObject) : null);
  const [loadedFrom, setLoadedFrom] = useState<string | null>(null);
  const [fieldQuery, setFieldQuery] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ClientAppError | null>(null);
  // A saved report (to edit or to clone) becomes the starting definition once it arrives.
  if (source.data && loadedFrom !== (name ?? from)) {
    const { object, format, columns, filter, groupings, columnGroupings, aggregates, formulas, sort, chart, rowLimit } = source.data;
    setDef({ object, format, columns, filter, groupings, columnGroupings, aggregates, formulas, sort, chart, rowLimit });
    setLoadedFrom(name ?? from ?? null);
  }
  const fields = useReportFields(def?.object);
  const meta = useQuery({ ...trpc.meta.object.queryOptions({ object: def?.object ?? '' }), enabled: Boolean(def?.object) });
  const filterFields = (meta.data?.object.fields ?? []) as unknown as FieldInfo[];
  const byPath = useMemo(() => new Map((fields.data ?? []).map((f) => [f.path, f])), [fields.data]);
  const types = useMemo(() => fieldTypesOf(fields.data), [fields.data]);
  const measures = useMeasureOptions(def ?? emptyDefinition(''), fields.data ?? []);
  const debounced = useDebounced(def, 400);
  const preview = useMemo(() => (debounced ? previewDefinition(debounced) : null), [debounced]);
  const run = useDefinitionRun(preview);
  const runError = appErrorOf(run.error) ?? saveError;
  const invalidPlaces = new Set((runError?.details ?? []).map((d) => placeOf(d)).filter(Boolean) as string[]);
  const invalid = (place: string) => invalidPlaces.has(place);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const objects = (session.data?.objects ?? []) as { name: string; label: { en: string; zh: string } }[];
  const folders = [...new Set((list.data ?? []).map((r) => r.folder).filter((f): f is string => Boolean(f)))];

  if (!def) {
    if (name || from) return source.error ? <Alert type="error" showIcon title={appErrorOf(source.error)?.message} /> : <Skeleton active />;
    return (
      <Card
        title={
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            {tr('rui.builder.newTitle')}
          </Typography.Title>
        }
      >
        <label htmlFor="report-object">{tr('rui.builder.pickObject')}</label>
        <Select
          id="report-object"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ display: 'block', maxWidth: 320, marginTop: 8 }}
          options={objects.map((o) => ({ value: o.name, label: label(o.label) }))}
          onChange={(object) => setDef(emptyDefinition(object))}
        />
      </Card>
    );
  }

  const update = (next: ReportDefinition) => {
    setSaveError(null);
    setDef(next);
  };
  const fieldLabel = (path: string) => byPath.get(path)?.label ?? path;
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const a = active.data.current as { kind: string; path?: string; type?: string; list?: ListName; index?: number };
    const o = over.data.current as { kind: string; list: ListName; index?: number } | undefined;
    if (!o) return;
    if (a.kind === 'field') return update(insertField(def, o.list, a.path!, a.type, o.index));
    if (a.list === o.list) return update(moveItem(def, o.list, a.index!, o.index ?? ((def[o.list] ?? []) as unknown[]).length - 1));
    // Moved from one list to another: a grouping between rows and columns, or a column into a grouping.
    const item = (def[a.list!] ?? [])[a.index!] as string | ReportGrouping;
    const path = typeof item === 'string' ? item : item.field;
    const moved = insertField(def, o.list, path, byPath.get(path)?.type, o.index);
    if (moved !== def) update(removeItem(moved, a.list!, a.index!));
  };
  const q = fieldQuery.trim().toLowerCase();
  const palette = (fields.data ?? []).filter((f) => !q || f.label.toLowerCase().includes(q) || f.path.includes(q));
  const canGroup = (f: ReportField, list: 'groupings' | 'columnGroupings') =>
    f.type !== 'long_text' && (def[list] ?? []).length < groupingLimit(def.format, list) && !(def[list] ?? []).some((g) => g.field === f.path);
  const groupingList = (list: 'groupings' | 'columnGroupings', title: string) => (
    <DropList list={list} ids={(def[list] ?? []).map((g) => `${list}:${g.field}`)} label={title} empty={tr('rui.builder.dropHere')}>
      {(def[list] ?? []).map((g, i) => (
        <SortableItem key={g.field} id={`${list}:${g.field}`} list={list} index={i} label={fieldLabel(g.field)} invalid={invalid(`${list}.${i}`)}>
          <GroupingBucket
            grouping={g}
            field={byPath.get(g.field)}
            label={fieldLabel(g.field)}
            onChange={(ng) => update({ ...def, [list]: (def[list] ?? []).map((x, j) => (j === i ? ng : x)) })}
          />
          <Button
            size="small"
            type="text"
            aria-label={tr('rui.builder.remove', { label: fieldLabel(g.field) })}
            icon={<DeleteOutlined aria-hidden />}
            onClick={() => update(removeItem(def, list, i))}
          />
          {def.format !== 'tabular' && (
            <GroupOrder
              grouping={g}
              label={fieldLabel(g.field)}
              measures={measures}
              onChange={(ng) => update({ ...def, [list]: (def[list] ?? []).map((x, j) => (j === i ? ng : x)) })}
            />
          )}
        </SortableItem>
      ))}
    </DropList>
  );
  const savedLabel = source.data && name ? source.data.label : undefined;
  const initialSave: Partial<SaveValues> = name
    ? {
        name,
        labelEn: typeof savedLabel === 'string' ? savedLabel : savedLabel?.en,
        labelZh: typeof savedLabel === 'string' ? undefined : savedLabel?.zh,
        folder: source.data?.folder ? label(source.data.folder) : undefined,
        visibility: typeof source.data?.visibility === 'string' ? source.data.visibility : 'private',
        roles: source.data?.sharedWith?.roles,
        groups: source.data?.sharedWith?.groups,
      }
    : {
        folder: source.data?.folder ? label(source.data.folder) : undefined,
        ...(from && source.data ? copyOfLabels(source.data.label) : {}),
      };
  const objectLabel = objects.find((o) => o.name === def.object);
  return (
    <Card>
      <PageHeader
        title={name && source.data ? tr('rui.builder.editTitle', { label: reportTitle(source.data.label, label) }) : tr('rui.builder.newTitle')}
        actions={
          <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={() => setSaving(true)}>
            {tr('rui.builder.save')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={tr('rui.builder.object')}
          style={{ width: 200 }}
          value={def.object}
          disabled={Boolean(name)}
          options={objects.map((o) => ({ value: o.name, label: label(o.label) }))}
          onChange={(object) => update(emptyDefinition(object))}
          labelRender={() => (objectLabel ? label(objectLabel.label) : def.object)}
        />
        <Segmented
          aria-label={tr('rui.builder.format')}
          value={def.format}
          options={(['tabular', 'summary', 'matrix'] as const).map((f) => ({ value: f, label: tr(`rui.format.${f}`) }))}
          onChange={(f) => update(setFormat(def, f as ReportDefinition['format']))}
        />
      </Space>
      <DndContext sensors={sensors} collisionDetection={collision} onDragEnd={onDragEnd}>
        <div className={styles.layout}>
          <section aria-label={tr('rui.builder.fields')}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {tr('rui.builder.fields')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {tr('rui.builder.fieldsHint')}
            </Typography.Paragraph>
            <Input.Search
              aria-label={tr('rui.builder.searchFields')}
              placeholder={tr('rui.builder.searchFields')}
              allowClear
              size="small"
              value={fieldQuery}
              onChange={(e) => setFieldQuery(e.target.value)}
              style={{ marginBottom: 8 }}
            />
            {fields.isLoading ? (
              <Skeleton active />
            ) : (
              <ul className={styles.palette}>
                {palette.map((f) => (
                  <DraggableField key={f.path} path={f.path} type={f.type} label={f.label}>
                    <Space.Compact>
                      <Tooltip title={tr('rui.builder.addColumn', { label: f.label })}>
                        <Button
                          size="small"
                          type="text"
                          aria-label={tr('rui.builder.addColumn', { label: f.label })}
                          icon={<PlusSquareOutlined aria-hidden />}
                          onClick={() => update(insertField(def, 'columns', f.path, f.type))}
                        />
                      </Tooltip>
                      {canGroup(f, 'groupings') && (
                        <Tooltip title={tr('rui.builder.addGrouping', { label: f.label })}>
                          <Button
                            size="small"
                            type="text"
                            aria-label={tr('rui.builder.addGrouping', { label: f.label })}
                            icon={<GroupOutlined aria-hidden />}
                            onClick={() => update(insertField(def, 'groupings', f.path, f.type))}
                          />
                        </Tooltip>
                      )}
                      {canGroup(f, 'columnGroupings') && (
                        <Tooltip title={tr('rui.builder.addColumnGrouping', { label: f.label })}>
                          <Button
                            size="small"
                            type="text"
                            aria-label={tr('rui.builder.addColumnGrouping', { label: f.label })}
                            icon={<ColumnWidthOutlined aria-hidden />}
                            onClick={() => update(insertField(def, 'columnGroupings', f.path, f.type))}
                          />
                        </Tooltip>
                      )}
                    </Space.Compact>
                  </DraggableField>
                ))}
              </ul>
            )}
          </section>
          <div style={{ minWidth: 0 }}>
            <div className={styles.zones}>
              {def.format !== 'tabular' && groupingList('groupings', tr('rui.builder.groupings'))}
              {def.format === 'matrix' && groupingList('columnGroupings', tr('rui.builder.columnGroupings'))}
              <DropList list="columns" ids={(def.columns ?? []).map((c) => `columns:${c}`)} label={tr('rui.builder.columns')} empty={tr('rui.builder.dropHere')}>
                {(def.columns ?? []).map((c, i) => (
                  <SortableItem key={c} id={`columns:${c}`} list="columns" index={i} label={fieldLabel(c)} invalid={invalid(`columns.${i}`)}>
                    <Button
                      size="small"
                      type="text"
                      aria-label={tr('rui.builder.remove', { label: fieldLabel(c) })}
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => update(removeItem(def, 'columns', i))}
                    />
                  </SortableItem>
                ))}
              </DropList>
            </div>
            {def.format !== 'tabular' && (
              <section className={styles.section} aria-label={tr('rui.builder.aggregates')}>
                <Typography.Title level={2} style={{ fontSize: 16 }}>
                  {tr('rui.builder.aggregates')}
                </Typography.Title>
                <AggregatesEditor def={def} fields={fields.data ?? []} filterFields={filterFields} invalid={invalid} onChange={(aggregates) => update({ ...def, aggregates })} />
                <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
                  {tr('rui.builder.formulas')}
                </Typography.Title>
                <FormulasEditor def={def} invalid={invalid} onChange={(formulas) => update({ ...def, formulas })} />
              </section>
            )}
            <section className={styles.section} aria-label={tr('rui.builder.filters')} style={{ outline: invalid('filter') ? '1px solid #ff4d4f' : undefined }}>
              <Typography.Title level={2} style={{ fontSize: 16 }}>
                {tr('rui.builder.filters')}
              </Typography.Title>
              {meta.data && (
                <FilterBuilder
                  key={`${def.object}:${loadedFrom ?? ''}`}
                  fields={filterFields}
                  initial={fromCondition(def.filter, filterFields) ?? { match: 'all', rows: [] }}
                  live
                  onApply={(s) => update({ ...def, filter: toCondition(s) })}
                />
              )}
            </section>
            {(def.format === 'tabular' || (def.columns ?? []).length > 0) && (
              <section className={styles.section} aria-label={tr('rui.builder.rowSort')}>
                <Typography.Title level={2} style={{ fontSize: 16 }}>
                  {tr('rui.builder.rowSort')}
                </Typography.Title>
                <RowSortEditor def={def} fields={fields.data ?? []} onChange={(sort) => update({ ...def, sort })} />
              </section>
            )}
            {def.format !== 'tabular' && <ChartEditor def={def} result={run.data} onChange={(chart) => update({ ...def, chart })} />}
          </div>
        </div>
      </DndContext>
      <section className={styles.section} aria-label={tr('rui.builder.preview')} aria-busy={run.isFetching}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {tr('rui.builder.preview')}
        </Typography.Title>
        {runError && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={runError.message} description={runError.details.map((d) => d.message).join(' ')} />
        )}
        {run.data && preview && (
          <div style={{ opacity: run.isFetching ? 0.6 : 1 }}>
            <ReportChart definition={preview} result={run.data} fields={types} emptyState={false} key={locale} />
            <ReportView definition={preview} result={run.data} fields={types} />
          </div>
        )}
      </section>
      <SaveDialog
        open={saving}
        definition={previewDefinition(def)}
        initial={initialSave}
        fixedName={Boolean(name)}
        folders={folders}
        savedFolder={name ? source.data?.folder : undefined}
        onClose={() => setSaving(false)}
        onDefinitionError={setSaveError}
      />
    </Card>
  );
}

/** "Copy of …" in each language from the source's label in that language (the screen's language must not fill the other). */
function copyOfLabels(l: { en: string; zh?: string } | string): { labelEn: string; labelZh: string } {
  const en = typeof l === 'string' ? l : l.en;
  const zh = typeof l === 'string' ? l : l.zh || l.en;
  return { labelEn: t('en', 'rui.copyOf', { label: en }), labelZh: t('zh-CN', 'rui.copyOf', { label: zh }) };
}
