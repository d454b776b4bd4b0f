'use client';
/** A modal asking for an optional comment before an approval action (submit, approve, reject, recall, bulk approve). */
import { Alert, Form, Input, Modal } from 'antd';
import { useId, useState } from 'react';
import { useT } from '../i18n';

export interface CommentDialogProps {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  busy?: boolean;
  /** A server error of the last attempt, shown above the comment. */
  error?: string | null;
  children?: React.ReactNode;
  onOk(comment: string | null): void;
  onCancel(): void;
}

export function CommentDialog({ open, title, okText, danger, busy, error, children, onOk, onCancel }: CommentDialogProps) {
  const { tr } = useT();
  const [comment, setComment] = useState('');
  const inputId = useId();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={tr('ui.cancel')}
      okButtonProps={{ danger }}
      confirmLoading={busy}
      onOk={() => onOk(comment.trim() || null)}
      onCancel={onCancel}
      afterClose={() => setComment('')}
      destroyOnHidden
    >
      {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 12 }} />}
      {children}
      <Form layout="vertical">
        <Form.Item label={tr('approvalUi.commentOptional')} htmlFor={inputId}>
          <Input.TextArea id={inputId} rows={3} maxLength={2000} showCount value={comment} onChange={(e) => setComment(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
