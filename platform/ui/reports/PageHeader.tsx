'use client';
/** A report screen's title and its actions, the actions wrapping under the title on a phone. */
import { Space, Typography } from 'antd';
import styles from './reports.module.css';

export function PageHeader({ title, actions }: { title: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <div className={styles.pageHeader}>
      <Typography.Title level={1} className={styles.pageTitle}>
        {title}
      </Typography.Title>
      {actions && <Space wrap>{actions}</Space>}
    </div>
  );
}
