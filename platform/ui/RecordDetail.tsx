'use client';
/**
 * A record's page, generated from its layout for every object: a highlights panel (name, owner,
 * key fields, actions, the sales path), the approval panel where an approver needs it, then the
 * tabs the layout names (Details, Related, Activity, History).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Result, Tabs } from 'antd';
import Link from 'next/link';
import type { ActionView } from '../actions/types';
import { ApprovalPanel, useRecordApproval } from './approvals/ApprovalPanel';
import { appErrorOf } from './errors';
import { HistoryPanel } from './HistoryPanel';
import { useT } from './i18n';
import { SharingPanel } from './SharingPanel';
import { conditionHolds } from '../rules/conditions/client';
import type { EditFormInfo } from './process/MoveDialog';
import { SalesPath } from './process/SalesPath';
import { screensFor } from './process/screens';
import { StageHistory } from './process/StageHistory';
import type { ProcessesInfo, RuledFieldInfo } from './process/types';
import { useConditionContext } from './process/useUserId';
import { ActivityTab } from './record/ActivityTab';
import { DetailsTab, type SectionInfo } from './record/DetailsTab';
import { HighlightsPanel } from './record/HighlightsPanel';
import { RecordActions } from './record/RecordActions';
import { ConvertedNotice } from './record/ConvertedNotice';
import { RelatedList } from './record/RelatedList';
import { pageTabs, type LayoutTabInfo, type TabId } from './record/tabs';
import { useTRPC } from './trpc';
import type { ObjectInfo, RecordValues } from './types';

const TAB_KEYS: Record<TabId, 'rec.tab.details' | 'rec.tab.related' | 'rec.tab.activity' | 'rec.tab.history'> = {
  details: 'rec.tab.details',
  related: 'rec.tab.related',
  activity: 'rec.tab.activity',
  history: 'rec.tab.history',
};

export function RecordDetail({ object, id }: { object: string; id: string }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const record = useQuery(trpc.records.get.queryOptions({ object, id }));
  const when = useConditionContext();
  const approval = useRecordApproval(object, id);

  const err = appErrorOf(meta.error ?? record.error);
  if (err?.code === 'NOT_FOUND') return <Result status="404" title={tr('ui.notFound')} extra={<Link href={`/o/${object}`}>{tr('ui.backToList')}</Link>} />;
  if (err) return <Alert type="error" title={err.message} />;
  if (!meta.data || !record.data) return <Card loading />;
  const info = meta.data.object as unknown as ObjectInfo;
  const rec = record.data as RecordValues;
  const processes = meta.data.processes as ProcessesInfo | null;
  // Fields a form rule hides for this record (visibleIf) are left out here too.
  const fields = new Map((info.fields as RuledFieldInfo[]).filter((f) => f.visibleIf === undefined || conditionHolds(f.visibleIf, info.fields, rec, when)).map((f) => [f.name, f]));
  const screens = screensFor(meta.data, processes ? rec[processes.field] : undefined);
  const sections = new Map((screens.layout as SectionInfo[]).map((s) => [s.id, s]));
  const related = new Map(info.relatedLists.map((r) => [`${r.object}.${r.field}`, r]));
  const tabs = pageTabs(screens.tabs as LayoutTabInfo[] | null, [...sections.keys()], [...related.keys()]);
  // In approval the server refuses edits and deletes (RECORD_LOCKED) to all but administrators.
  const inApproval = Boolean(approval.data?.locked);
  const locked = inApproval && !approval.data?.mayEditLocked;
  const lockNoteId = `lock-note-${id}`;
  const relatedOf = (keys: string[]) => keys.map((k) => <RelatedList key={k} parentObject={object} parentId={id} rel={related.get(k)!} />);
  const content = (t: (typeof tabs)[number]) => (
    <>
      {t.sections.length > 0 && <DetailsTab sections={t.sections.map((s) => sections.get(s)!)} fields={fields} record={rec} />}
      {t.id === 'activity' && <ActivityTab object={object} id={id} processes={processes} />}
      {relatedOf(t.relatedLists)}
      {t.id === 'history' && (
        <>
          {processes && <StageHistory object={object} record={rec} processes={processes} fields={info.fields} />}
          <HistoryPanel object={object} id={id} fields={info.fields} />
          <SharingPanel object={object} id={id} />
        </>
      )}
    </>
  );
  return (
    <div>
      <HighlightsPanel
        info={info}
        record={rec}
        fields={fields}
        highlights={screens.highlights as string[]}
        actions={
          <RecordActions
            object={object}
            record={rec}
            actions={meta.data.actions as ActionView[]}
            locked={locked}
            lockNoteId={lockNoteId}
            canSubmit={Boolean(approval.data?.canSubmit)}
          />
        }
      >
        {inApproval && (
          <Alert
            id={lockNoteId}
            role="status"
            showIcon
            type={locked ? 'warning' : 'info'}
            style={{ marginTop: 16 }}
            title={locked ? tr('approvalUi.locked') : tr('approvalUi.lockedAdmin')}
            description={locked ? tr('approvalUi.lockedHint') : undefined}
          />
        )}
        <ConvertedNotice record={rec} />
        {processes && (
          <div style={{ marginTop: 16 }}>
            <SalesPath object={object} record={rec} processes={processes} form={screens.editForm as EditFormInfo} />
          </div>
        )}
      </HighlightsPanel>
      <ApprovalPanel object={object} id={id} recordName={String(rec.name ?? '')} />
      <Card style={{ marginTop: 16 }} styles={{ body: { paddingTop: 4 } }}>
        <Tabs items={tabs.map((t) => ({ key: t.id, label: t.label ?? tr(TAB_KEYS[t.id]), children: content(t) }))} />
      </Card>
    </div>
  );
}
