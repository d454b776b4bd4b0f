/** The system rights a permission set can grant, and their labels. */
import type { MessageKey } from '../../core/i18n';

export const SYSTEM_RIGHTS = ['customizeMetadata', 'manageUsers', 'importData', 'exportData', 'transferRecords', 'viewAudit'] as const;
export type SystemRight = (typeof SYSTEM_RIGHTS)[number];

export const SYSTEM_RIGHT_LABEL: Record<SystemRight, MessageKey> = {
  customizeMetadata: 'admin.system.customizeMetadata',
  manageUsers: 'admin.system.manageUsers',
  importData: 'admin.system.importData',
  exportData: 'admin.system.exportData',
  transferRecords: 'admin.system.transferRecords',
  viewAudit: 'admin.system.viewAudit',
};
