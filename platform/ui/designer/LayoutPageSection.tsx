'use client';
/** The record page part of a layout in the designer: up to six highlight fields, which tabs show, and the tab each section sits in. */
import { Card, Checkbox, Select, Space, Typography } from 'antd';
import { useT } from '../i18n';
import type { TabId } from '../record/tabs';

export interface PageState {
  highlights: string[];
  shown: TabId[];
  /** Section id → its tab (absent: Details). */
  sectionTab: Record<string, TabId>;
}

const TABS: TabId[] = ['details', 'related', 'activity', 'history'];
const TAB_KEYS = { details: 'rec.tab.details', related: 'rec.tab.related', activity: 'rec.tab.activity', history: 'rec.tab.history' } as const;
const MAX = 6;

type LayoutTabDoc = { id: TabId; label?: unknown; sections?: string[]; relatedLists?: string[] };

/** The editor's state from a saved layout. */
export function pageStateOf(layout: { highlights?: string[]; tabs?: LayoutTabDoc[] } | undefined): PageState {
  const tabs = layout?.tabs;
  const sectionTab: Record<string, TabId> = {};
  for (const t of tabs ?? []) for (const s of t.sections ?? []) sectionTab[s] = t.id;
  return { highlights: [...(layout?.highlights ?? [])], shown: tabs ? tabs.map((t) => t.id) : [...TABS], sectionTab };
}

/** The layout's `tabs` from the editor's state (none when it is the default), keeping what the editor does not show (labels, related lists). */
export function tabsOf(state: PageState, sectionIds: string[], saved: LayoutTabDoc[] | undefined): LayoutTabDoc[] | undefined {
  const placedElsewhere = sectionIds.some((s) => (state.sectionTab[s] ?? 'details') !== 'details');
  const keptExtras = saved?.some((t) => t.label || t.relatedLists?.length);
  if (!placedElsewhere && !keptExtras && state.shown.length === TABS.length && TABS.every((t, i) => state.shown[i] === t)) return undefined;
  return TABS.filter((id) => state.shown.includes(id)).map((id) => {
    const before = saved?.find((t) => t.id === id);
    const sections = sectionIds.filter((s) => (state.sectionTab[s] ?? 'details') === id);
    return { ...before, id, sections: sections.length ? sections : undefined };
  });
}

export function LayoutPageSection(props: {
  value: PageState;
  onChange(next: PageState): void;
  fields: { name: string; label: string }[];
  sections: { id: string; label: string }[];
}) {
  const { tr } = useT();
  const { value, onChange } = props;
  const tabLabel = (id: TabId) => tr(TAB_KEYS[id]);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Typography.Title level={3} style={{ fontSize: 14, margin: 0 }}>
          {tr('rec.designer.title')}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label htmlFor="layout-highlights" style={{ display: 'block', fontSize: 13 }}>
          {tr('rec.designer.highlights', { max: MAX })}
        </label>
        <Select
          id="layout-highlights"
          mode="multiple"
          maxCount={MAX}
          style={{ width: '100%', maxWidth: 640 }}
          value={value.highlights}
          options={props.fields.map((f) => ({ value: f.name, label: f.label }))}
          optionFilterProp="label"
          onChange={(highlights: string[]) => onChange({ ...value, highlights })}
        />
        <fieldset style={{ border: 0, padding: 0, margin: '8px 0 0' }}>
          <legend style={{ fontSize: 13, marginBottom: 4 }}>{tr('rec.designer.tabs')}</legend>
          <Checkbox.Group
            value={value.shown}
            options={TABS.map((id) => ({ value: id, label: tabLabel(id), disabled: id === 'details' }))}
            onChange={(shown) => onChange({ ...value, shown: TABS.filter((t) => t === 'details' || shown.includes(t)) })}
          />
        </fieldset>
        {props.sections.map((s) => (
          <Space key={s.id} wrap>
            <label htmlFor={`section-tab-${s.id}`} style={{ fontSize: 13 }}>
              {tr('rec.designer.sectionTab', { section: s.label })}
            </label>
            <Select
              id={`section-tab-${s.id}`}
              style={{ width: 180 }}
              value={value.shown.includes(value.sectionTab[s.id] ?? 'details') ? (value.sectionTab[s.id] ?? 'details') : 'details'}
              options={value.shown.map((id) => ({ value: id, label: tabLabel(id) }))}
              onChange={(tab: TabId) => onChange({ ...value, sectionTab: { ...value.sectionTab, [s.id]: tab } })}
            />
          </Space>
        ))}
      </Space>
    </Card>
  );
}
