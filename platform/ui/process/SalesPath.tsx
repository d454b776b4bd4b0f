'use client';
/**
 * A record's sales path: the stages of its process in order, the current one marked, won and lost
 * stages coloured, the probability; every other stage is a button that asks, then moves the record
 * there (asking for the fields a gate needs; the server checks the gates and says what is missing).
 */
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ClientAppError } from '../errors';
import { useT } from '../i18n';
import type { RecordValues } from '../types';
import { gateInputs } from './gateInputs';
import { MoveDialog, type EditFormInfo } from './MoveDialog';
import { MoveRefusalAlert } from './MoveRefusalAlert';
import { processOf, type ProcessesInfo, type StageInfo } from './types';
import { useMoveToStage } from './useMoveToStage';

type Look = 'current' | 'done' | 'todo';

function stageStyle(stage: StageInfo, look: Look): React.CSSProperties {
  const base: React.CSSProperties = {
    width: '100%',
    minHeight: 34,
    borderRadius: 6,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 6,
    padding: '4px 10px',
    fontSize: 13,
    textAlign: 'center',
    whiteSpace: 'normal',
    height: 'auto',
  };
  if (look === 'current') {
    const bg = stage.won ? '#389e0d' : stage.lost ? '#cf1322' : '#1677ff';
    return { ...base, background: bg, color: '#fff', fontWeight: 600, border: `1px solid ${bg}` };
  }
  // Text colours dark enough for 4.5:1 on their tints (axe's contrast check).
  if (stage.won) return { ...base, color: '#237804', borderColor: '#b7eb8f', background: '#f6ffed' };
  if (stage.lost) return { ...base, color: '#a8071a', borderColor: '#ffccc7', background: '#fff2f0' };
  if (look === 'done') return { ...base, color: '#0958d9', borderColor: '#91caff', background: '#e6f4ff' };
  return base;
}

/** `form` is the record's edit form: a gate's missing fields are asked for with its inputs. */
export function SalesPath({ object, record, processes, form }: { object: string; record: RecordValues; processes: ProcessesInfo; form: EditFormInfo }) {
  const { tr, label } = useT();
  const { move, refusal, clearRefusal, pending, variables } = useMoveToStage();
  const [target, setTarget] = useState<StageInfo | null>(null);
  const [dialogError, setDialogError] = useState<ClientAppError | null>(null);
  const proc = processOf(processes, record);
  if (!proc) return null;
  const editable = new Set(Object.keys(form.schema.properties ?? {}));
  const inputs = target ? gateInputs(proc, record, processes.stageField, target, editable) : [];
  const close = () => {
    setTarget(null);
    setDialogError(null);
  };
  const confirmMove = (values: Record<string, unknown>) => {
    if (!target) return;
    setDialogError(null);
    const input = { object, id: record.id as string, stage: target.value, expectedVersion: record.version, values, stageField: processes.stageField };
    move(input, label(target.label), { onDone: close, onRefused: setDialogError });
  };
  const current = record[processes.stageField];
  const stages = proc.stages.filter((s) => s.active || s.value === current);
  const at = stages.findIndex((s) => s.value === current);
  const currentStage = at >= 0 ? stages[at] : undefined;
  const stored = processes.probabilityField ? record[processes.probabilityField] : undefined;
  const probability = typeof stored === 'number' ? stored : currentStage?.probability;
  const canMove = Boolean(record.$can?.edit) && typeof record.id === 'string';
  const icon = (s: StageInfo) => (s.won ? <CheckCircleOutlined aria-hidden /> : s.lost ? <CloseCircleOutlined aria-hidden /> : null);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      // A long process name wraps on a phone instead of being cut under the probability.
      styles={{ title: { whiteSpace: 'normal' }, extra: { marginInlineStart: 12, whiteSpace: 'nowrap' } }}
      title={<Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>{`${tr('path.title')} · ${label(proc.label)}`}</Typography.Title>}
      extra={probability !== undefined && <Typography.Text strong>{tr('path.probability', { value: probability })}</Typography.Text>}
    >
      <MoveRefusalAlert refusal={refusal} onClose={clearRefusal} />
      {target && <MoveDialog stageLabel={label(target.label)} inputs={inputs} form={form} pending={pending} error={dialogError} onMove={confirmMove} onCancel={close} />}
      <nav aria-label={tr('path.title')}>
        <ol style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {stages.map((s, i) => {
            const isCurrent = s.value === current;
            const look: Look = isCurrent ? 'current' : currentStage && !currentStage.lost && !s.lost && i < at ? 'done' : 'todo';
            const name = label(s.label);
            return (
              <li key={s.value} aria-current={isCurrent ? 'step' : undefined} style={{ flex: '1 1 110px', minWidth: 110 }}>
                {isCurrent || !canMove ? (
                  <div style={stageStyle(s, look)}>
                    {icon(s)}
                    <span>{name}</span>
                  </div>
                ) : (
                  <Button
                    aria-label={tr('path.moveTo', { stage: name })}
                    title={tr('path.moveTo', { stage: name })}
                    style={stageStyle(s, look)}
                    icon={icon(s)}
                    loading={pending && variables?.stage === s.value}
                    disabled={pending}
                    onClick={() => {
                      clearRefusal();
                      setTarget(s);
                    }}
                  >
                    {name}
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      {currentStage && (
        <Space style={{ marginTop: 10 }}>
          <Typography.Text type="secondary">{tr('path.current', { stage: label(currentStage.label) })}</Typography.Text>
          {currentStage.won && (
            <Tag color="success" style={{ color: '#237804' }}>
              {tr('path.won')}
            </Tag>
          )}
          {currentStage.lost && (
            <Tag color="error" style={{ color: '#a8071a' }}>
              {tr('path.lost')}
            </Tag>
          )}
        </Space>
      )}
    </Card>
  );
}
