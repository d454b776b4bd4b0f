'use client';
/**
 * The stages of a sales process, in order: value, labels, probability, forecast category, won /
 * lost / active, and the fields a record needs to enter each. Every input is named after its stage
 * ("Probability (%) of Negotiation") so it can be found without seeing the table.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select, Space, Switch, Table, Tooltip, Typography } from 'antd';
import type { MessageKey } from '../../../core/i18n';
import { useT } from '../../i18n';
import { apiNameFrom, compactJson, type DesignerField } from '../common';
import { FORECASTS, newStageRow, otherGates, type StageRow } from './stages';

export function StagesEditor({ value = [], onChange, id, fields }: { value?: StageRow[]; onChange?(rows: StageRow[]): void; id?: string; fields: DesignerField[] }) {
  const { tr, label } = useT();
  const set = (rows: StageRow[]) => onChange?.(rows);
  const update = (i: number, patch: Partial<StageRow>) =>
    set(
      value.map((r, j) => {
        if (j !== i) return r;
        const next = { ...r, ...patch };
        // A new stage's value follows its English label until typed by hand.
        if ('en' in patch && !r.valueTouched && !r.saved) next.value = apiNameFrom(patch.en ?? '');
        return next;
      }),
    );
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= value.length) return;
    const rows = [...value];
    [rows[i], rows[j]] = [rows[j], rows[i]];
    set(rows);
  };
  const nameOf = (r: StageRow, i: number) => r.en.trim() || r.value.trim() || tr('designer.process.stageN', { n: i + 1 });
  const fieldOptions = fields.filter((f) => !f.archived && f.name !== 'id').map((f) => ({ value: f.name, label: label(f.label) }));
  const forecastOptions = FORECASTS.map((f) => ({ value: f, label: tr(`forecast.${f}` as MessageKey) }));

  return (
    <div id={id} role="group" aria-label={tr('designer.process.stages')}>
      <Table<StageRow>
        rowKey="key"
        size="small"
        dataSource={value}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tr('designer.process.noStages') }}
        columns={[
          { key: 'n', title: '#', width: 36, render: (_, _r, i) => i + 1 },
          {
            key: 'value',
            title: tr('designer.picklist.value'),
            render: (_, r, i) => (
              <Input
                aria-label={tr('designer.process.stageValue', { n: i + 1 })}
                value={r.value}
                disabled={r.saved}
                maxLength={63}
                style={{ width: 130 }}
                onChange={(e) => update(i, { value: e.target.value, valueTouched: true })}
              />
            ),
          },
          {
            key: 'en',
            title: tr('designer.labelEn'),
            render: (_, r, i) => (
              <Input aria-label={tr('designer.process.stageLabel', { n: i + 1 })} value={r.en} style={{ width: 150 }} onChange={(e) => update(i, { en: e.target.value })} />
            ),
          },
          {
            key: 'zh',
            title: tr('admin.labelZh'),
            render: (_, r, i) => (
              <Input aria-label={tr('designer.process.stageLabelZh', { n: i + 1 })} value={r.zh} style={{ width: 120 }} onChange={(e) => update(i, { zh: e.target.value })} />
            ),
          },
          {
            key: 'probability',
            title: tr('designer.process.probability'),
            render: (_, r, i) => (
              <InputNumber
                aria-label={tr('designer.process.probabilityOf', { stage: nameOf(r, i) })}
                min={0}
                max={100}
                value={r.probability}
                style={{ width: 90 }}
                onChange={(probability) => update(i, { probability: probability ?? null })}
              />
            ),
          },
          {
            key: 'forecast',
            title: tr('designer.process.forecast'),
            render: (_, r, i) => (
              <Select
                aria-label={tr('designer.process.forecastOf', { stage: nameOf(r, i) })}
                value={r.forecast}
                options={forecastOptions}
                style={{ width: 130 }}
                onChange={(forecast) => update(i, { forecast })}
              />
            ),
          },
          {
            key: 'won',
            title: tr('designer.process.won'),
            render: (_, r, i) => (
              <Switch
                size="small"
                aria-label={`${tr('designer.process.won')}: ${nameOf(r, i)}`}
                checked={r.won}
                onChange={(won) => update(i, { won, ...(won ? { lost: false } : {}) })}
              />
            ),
          },
          {
            key: 'lost',
            title: tr('designer.process.lost'),
            render: (_, r, i) => (
              <Switch
                size="small"
                aria-label={`${tr('designer.process.lost')}: ${nameOf(r, i)}`}
                checked={r.lost}
                onChange={(lost) => update(i, { lost, ...(lost ? { won: false } : {}) })}
              />
            ),
          },
          {
            key: 'active',
            title: tr('designer.process.active'),
            render: (_, r, i) => (
              <Switch size="small" aria-label={`${tr('designer.process.active')}: ${nameOf(r, i)}`} checked={r.active} onChange={(active) => update(i, { active })} />
            ),
          },
          {
            key: 'gate',
            title: tr('designer.process.gate'),
            render: (_, r, i) => {
              const others = otherGates(r);
              return (
                <div style={{ width: 220 }}>
                  <Select
                    mode="multiple"
                    allowClear
                    aria-label={tr('designer.process.gateOf', { stage: nameOf(r, i) })}
                    value={r.gateFields}
                    style={{ width: '100%' }}
                    placeholder={tr('designer.process.gateNone')}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={fieldOptions}
                    onChange={(gateFields: string[]) => update(i, { gateFields })}
                  />
                  {others.length > 0 && (
                    <Tooltip
                      title={
                        <ul style={{ margin: 0, paddingLeft: 16 }}>
                          {others.map((g, k) => (
                            <li key={k}>
                              {'message' in g && g.message ? label(g.message) : ''}{' '}
                              {'require' in g ? <code>{typeof g.require === 'string' ? g.require : compactJson(g.require)}</code> : null}
                            </li>
                          ))}
                        </ul>
                      }
                    >
                      <Typography.Text type="secondary" tabIndex={0} style={{ fontSize: 12 }}>
                        {tr('designer.process.otherConditions', { count: others.length })}
                      </Typography.Text>
                    </Tooltip>
                  )}
                </div>
              );
            },
          },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, r, i) => {
              const name = nameOf(r, i);
              return (
                <Space size={4}>
                  <Button size="small" icon={<ArrowUpOutlined />} aria-label={`${tr('designer.moveUp')}: ${name}`} disabled={i === 0} onClick={() => move(i, -1)} />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={`${tr('designer.moveDown')}: ${name}`}
                    disabled={i === value.length - 1}
                    onClick={() => move(i, 1)}
                  />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`${tr('designer.process.removeStage')}: ${name}`}
                    onClick={() => set(value.filter((_, j) => j !== i))}
                  />
                </Space>
              );
            },
          },
        ]}
      />
      <Space style={{ marginTop: 8 }} wrap>
        <Button icon={<PlusOutlined />} onClick={() => set([...value, newStageRow()])}>
          {tr('designer.process.addStage')}
        </Button>
        <Typography.Text type="secondary">{tr('designer.process.stagesHint')}</Typography.Text>
      </Space>
    </div>
  );
}
