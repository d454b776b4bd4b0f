'use client';
/**
 * The record's action bar, from the effective action metadata: main actions as buttons, the rest
 * in a "More" menu, each shown only when this user may use it on this record (the server checks
 * again). Edits are disabled while the record is locked in approval.
 */
import { DownOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Space } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ActionView } from '../../actions/types';
import { CommentDialog } from '../approvals/CommentDialog';
import { useApprovalRefresh } from '../approvals/useApprovalRefresh';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { RecordValues } from '../types';
import { ChangeOwnerDialog } from './ChangeOwnerDialog';
import { ConvertDialog } from './ConvertDialog';
import { FollowButton } from './FollowButton';

interface Props {
  object: string;
  record: RecordValues;
  actions: ActionView[];
  locked: boolean;
  lockNoteId: string;
  canSubmit: boolean;
}

/** Actions that change the record, so a lock in approval disables them. */
const EDITS = new Set<ActionView['type']>(['edit', 'change_owner', 'update', 'delete']);

/** Whether the action applies to this record for this user (rights on the record, approval state, a converted lead). */
function usable(a: ActionView, record: RecordValues, canSubmit: boolean): boolean {
  if (record.converted_at && (a.type === 'convert' || a.type === 'submit_for_approval' || (EDITS.has(a.type) && a.type !== 'delete'))) return false;
  if (a.type === 'convert') return Boolean(record.$can?.edit);
  if (a.type === 'delete') return Boolean(record.$can?.delete);
  if (a.type === 'submit_for_approval') return canSubmit;
  if (a.type === 'edit' || a.type === 'change_owner' || a.type === 'update') return Boolean(record.$can?.edit);
  return true;
}

export function RecordActions({ object, record, actions, locked, lockNoteId, canSubmit }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refreshApproval = useApprovalRefresh();
  const { message, modal } = App.useApp();
  const { tr, label } = useT();
  const id = String(record.id);
  const [dialog, setDialog] = useState<'owner' | 'submit' | 'convert' | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const fail = (e: unknown) => message.error(appErrorOf(e)?.message);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
  const del = useMutation(
    trpc.records.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('ui.deleted'));
        router.push(`/o/${object}`);
      },
      onError: fail,
    }),
  );
  const run = useMutation(trpc.actions.run.mutationOptions({ onError: fail }));
  const submit = useMutation(
    trpc.approvals.submit.mutationOptions({
      onSuccess: async () => {
        setDialog(null);
        message.success(tr('approvalUi.submitted'));
        await refreshApproval();
      },
      onError: (e) => setSubmitError(appErrorOf(e)?.message ?? null),
    }),
  );

  const ask = (question: string | null, go: () => void, okText = tr('rec.confirm.ok'), danger = false) =>
    question ? modal.confirm({ title: question, okText, okButtonProps: { danger }, cancelText: tr('ui.cancel'), onOk: go }) : go();
  const perform = (a: ActionView) => {
    if (a.type === 'edit') return router.push(`/o/${object}/${id}/edit`);
    if (a.type === 'clone') return router.push(`/o/${object}/new?_clone=${id}`);
    if (a.type === 'change_owner') return setDialog('owner');
    if (a.type === 'submit_for_approval') return setDialog('submit');
    if (a.type === 'convert') return setDialog('convert');
    if (a.type === 'delete')
      return ask(a.confirm ? label(a.confirm) : tr('ui.confirmDelete'), () => del.mutate({ object, id, expectedVersion: record.version }), tr('ui.delete'), true);
    ask(a.confirm && label(a.confirm), () =>
      run.mutate(
        { object, id, action: a.name, expectedVersion: record.version },
        {
          onSuccess: async (res) => {
            if (res.url) window.open(res.url, '_blank', 'noopener');
            else message.success(tr('rec.action.done', { action: label(a.label) }));
            await refresh();
          },
        },
      ),
    );
  };

  const shown = actions.filter((a) => usable(a, record, canSubmit));
  const disabled = (a: ActionView) => locked && EDITS.has(a.type);
  const describedBy = locked ? lockNoteId : undefined;
  const main = shown.filter((a) => a.main);
  const more = shown.filter((a) => !a.main);
  return (
    <Space wrap>
      {main.map((a) =>
        a.type === 'follow' ? (
          <FollowButton key={a.name} object={object} id={id} />
        ) : (
          <Button
            key={a.name}
            type={a.type === 'edit' ? 'primary' : 'default'}
            danger={a.type === 'delete'}
            disabled={disabled(a)}
            aria-describedby={disabled(a) ? describedBy : undefined}
            loading={(a.type === 'delete' && del.isPending) || (run.isPending && run.variables?.action === a.name)}
            onClick={() => perform(a)}
          >
            {label(a.label)}
          </Button>
        ),
      )}
      {more.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: more.map((a) => ({ key: a.name, label: label(a.label), danger: a.type === 'delete', disabled: disabled(a) })),
            onClick: ({ key }) => perform(more.find((a) => a.name === key)!),
          }}
        >
          <Button aria-label={tr('rec.moreAria')}>
            {tr('rec.more')} <DownOutlined aria-hidden />
          </Button>
        </Dropdown>
      )}
      {dialog === 'owner' && <ChangeOwnerDialog object={object} record={record} onClose={() => setDialog(null)} />}
      {dialog === 'convert' && <ConvertDialog object={object} record={record} onClose={() => setDialog(null)} />}
      <CommentDialog
        open={dialog === 'submit'}
        title={tr('approvalUi.submit')}
        okText={tr('approvalUi.submit')}
        busy={submit.isPending}
        error={submitError}
        onOk={(comment) => submit.mutate({ object, id, comment })}
        onCancel={() => {
          setDialog(null);
          setSubmitError(null);
        }}
      />
    </Space>
  );
}
