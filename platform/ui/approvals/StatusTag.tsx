'use client';
/** The status of an approval request as a coloured tag. */
import { Tag } from 'antd';
import { useT } from '../i18n';

const COLORS: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', recalled: 'default', reopened: 'warning', cancelled: 'default' };

export function StatusTag({ status }: { status: string }) {
  const { tr } = useT();
  const known = status in COLORS;
  return <Tag color={COLORS[status] ?? 'default'}>{known ? tr(`approval.status.${status}` as 'approval.status.pending') : status}</Tag>;
}
