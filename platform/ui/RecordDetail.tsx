'use client';
/** A record's page: fields laid out by its layout, system information, and a related list per lookup pointing here. */
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Space, Typography } from 'antd';
import { RelatedList } from './record/RelatedList';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { ApprovalPanel, useRecordApproval } from './approvals/ApprovalPanel';
import { appErrorOf } from './errors';
import { displayValue } from './format';
import { HistoryPanel } from './HistoryPanel';
import { useT } from './i18n';
import { SharingPanel } from './SharingPanel';
import { NavButton } from './NavButton';
import { conditionHolds } from '../rules/conditions/client';
import type { EditFormInfo } from './process/MoveDialog';
import { SalesPath } from './process/SalesPath';
import { screensFor } from './process/screens';
import { StageHistory } from './process/StageHistory';
import type { ProcessesInfo, RuledFieldInfo } from './process/types';
import { useUserId } from './process/useUserId';
import { useTRPC } from './trpc';
import type { FieldInfo, ObjectInfo, RecordValues } from './types';

export function RecordDetail({ object, id }: { object: string; id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr, label, locale } = useT();
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const record = useQuery(trpc.records.get.queryOptions({ object, id }));
  const userId = useUserId();
  const approval = useRecordApproval(object, id);
  const del = useMutation(
    trpc.records.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
        message.success(tr('ui.deleted'));
        router.push(`/o/${object}`);
      },
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );

  const err = appErrorOf(meta.error ?? record.error);
  if (err?.code === 'NOT_FOUND') return <Result status="404" title={tr('ui.notFound')} extra={<Link href={`/o/${object}`}>{tr('ui.backToList')}</Link>} />;
  if (err) return <Alert type="error" title={err.message} />;
  if (!meta.data || !record.data) return <Card loading />;
  const info = meta.data.object as unknown as ObjectInfo;
  const rec = record.data as RecordValues;
  const processes = meta.data.processes as ProcessesInfo | null;
  // Fields a form rule hides for this record (visibleIf) are left out here too.
  const fields = new Map(
    (info.fields as RuledFieldInfo[]).filter((f) => f.visibleIf === undefined || conditionHolds(f.visibleIf, info.fields, rec, { userId })).map((f) => [f.name, f]),
  );
  const screens = screensFor(meta.data, processes ? rec[processes.field] : undefined);
  const layout = screens.layout;
  const item = (f: FieldInfo) => ({ key: f.name, label: label(f.label), children: displayValue(f, rec, locale) });
  // In approval the server refuses edits and deletes (RECORD_LOCKED) to all but administrators.
  const inApproval = Boolean(approval.data?.locked);
  const locked = inApproval && !approval.data?.mayEditLocked;
  const lockNoteId = `lock-note-${id}`;
  return (
    <div>
      <Card
        title={
          <div>
            <Typography.Text type="secondary">{label(info.label)}</Typography.Text>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {String(rec.name ?? '')}
            </Typography.Title>
          </div>
        }
        extra={
          <Space>
            {rec.$can?.edit && (
              <NavButton href={`/o/${object}/${id}/edit`} icon={<EditOutlined />} disabled={locked} aria-describedby={locked ? lockNoteId : undefined}>
                {tr('ui.edit')}
              </NavButton>
            )}
            {rec.$can?.delete && (
              <Popconfirm
                title={tr('ui.confirmDelete')}
                okText={tr('ui.delete')}
                cancelText={tr('ui.cancel')}
                disabled={locked}
                onConfirm={() => del.mutate({ object, id, expectedVersion: rec.version })}
              >
                <Button danger icon={<DeleteOutlined />} loading={del.isPending} disabled={locked} aria-describedby={locked ? lockNoteId : undefined}>
                  {tr('ui.delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        {inApproval && (
          <Alert
            id={lockNoteId}
            role="status"
            showIcon
            type={locked ? 'warning' : 'info'}
            style={{ marginBottom: 16 }}
            title={locked ? tr('approvalUi.locked') : tr('approvalUi.lockedAdmin')}
            description={locked ? tr('approvalUi.lockedHint') : undefined}
          />
        )}
        {processes && <SalesPath object={object} record={rec} processes={processes} form={screens.editForm as EditFormInfo} />}
        <section aria-label={tr('ui.details')}>
          {layout.map((s) => (
            <Descriptions
              key={s.id}
              title={s.label}
              column={s.columns}
              size="small"
              style={{ marginBottom: 16 }}
              items={s.fields.filter((f) => fields.has(f)).map((f) => item(fields.get(f)!))}
            />
          ))}
          <Descriptions
            title={tr('ui.system')}
            column={2}
            size="small"
            items={['owner', 'created_at', 'updated_at', 'created_by', 'updated_by'].filter((f) => fields.has(f)).map((f) => item(fields.get(f)!))}
          />
        </section>
      </Card>
      <ApprovalPanel object={object} id={id} recordName={String(rec.name ?? '')} />
      {processes && <StageHistory object={object} record={rec} processes={processes} fields={info.fields} />}
      {info.relatedLists.map((r) => (
        <RelatedList key={`${r.object}.${r.field}`} parentObject={object} parentId={id} rel={r} />
      ))}
      <SharingPanel object={object} id={id} />
      <HistoryPanel object={object} id={id} fields={info.fields} />
    </div>
  );
}
