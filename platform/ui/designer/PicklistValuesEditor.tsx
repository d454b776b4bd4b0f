'use client';
/**
 * The values of a picklist: value, labels and whether it can still be chosen, in order. Values not
 * saved yet can be removed; saved ones are deactivated instead (records may hold them).
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Switch, Typography } from 'antd';
import { useT } from '../i18n';

export interface OptionRow {
  /** Stable key for React while the value is being typed. */
  key: string;
  value: string;
  en: string;
  zh: string;
  active: boolean;
  /** Already part of the saved field (cannot be removed here, only deactivated). */
  saved: boolean;
  /** Other properties of a saved value (colour), kept as they are. */
  extra?: Record<string, unknown>;
}

let seq = 0;
function newOptionRow(): OptionRow {
  seq += 1;
  return { key: `new-${Date.now().toString(36)}-${seq}`, value: '', en: '', zh: '', active: true, saved: false };
}

export function PicklistValuesEditor({ value = [], onChange, id }: { value?: OptionRow[]; onChange?(rows: OptionRow[]): void; id?: string }) {
  const { tr } = useT();
  const set = (rows: OptionRow[]) => onChange?.(rows);
  const update = (i: number, patch: Partial<OptionRow>) => set(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= value.length) return;
    const rows = [...value];
    [rows[i], rows[j]] = [rows[j], rows[i]];
    set(rows);
  };
  const nameOf = (r: OptionRow, i: number) => r.en || r.value || String(i + 1);
  const grid: React.CSSProperties = { display: 'grid', gridTemplateColumns: 'minmax(90px, 1fr) minmax(110px, 1.3fr) minmax(110px, 1.3fr) 70px auto', gap: 8, alignItems: 'center' };
  return (
    <div id={id} role="group" aria-label={tr('designer.picklist.values')}>
      {value.length > 0 && (
        <div style={{ ...grid, marginBottom: 4 }} aria-hidden>
          <Typography.Text type="secondary">{tr('designer.picklist.value')}</Typography.Text>
          <Typography.Text type="secondary">{tr('designer.labelEn')}</Typography.Text>
          <Typography.Text type="secondary">{tr('admin.labelZh')}</Typography.Text>
          <Typography.Text type="secondary">{tr('designer.picklist.active')}</Typography.Text>
          <span />
        </div>
      )}
      {value.map((r, i) => {
        const name = nameOf(r, i);
        return (
          <div key={r.key} style={{ ...grid, marginBottom: 8 }}>
            <Input
              aria-label={`${tr('designer.picklist.value')} ${i + 1}`}
              value={r.value}
              disabled={r.saved}
              maxLength={100}
              onChange={(e) => update(i, { value: e.target.value })}
            />
            <Input aria-label={`${tr('designer.labelEn')} ${i + 1}`} value={r.en} onChange={(e) => update(i, { en: e.target.value })} />
            <Input aria-label={`${tr('admin.labelZh')} ${i + 1}`} value={r.zh} onChange={(e) => update(i, { zh: e.target.value })} />
            <div>
              <Switch aria-label={`${tr('designer.picklist.active')}: ${name}`} checked={r.active} onChange={(active) => update(i, { active })} />
            </div>
            <Space size={4}>
              <Button size="small" icon={<ArrowUpOutlined />} aria-label={`${tr('designer.moveUp')}: ${name}`} disabled={i === 0} onClick={() => move(i, -1)} />
              <Button size="small" icon={<ArrowDownOutlined />} aria-label={`${tr('designer.moveDown')}: ${name}`} disabled={i === value.length - 1} onClick={() => move(i, 1)} />
              {!r.saved && <Button size="small" icon={<DeleteOutlined />} aria-label={`${tr('designer.remove')}: ${name}`} onClick={() => set(value.filter((_, j) => j !== i))} />}
            </Space>
          </div>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={() => set([...value, newOptionRow()])}>
        {tr('designer.picklist.add')}
      </Button>
      {value.some((r) => r.saved) && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {tr('designer.picklist.savedHint')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
