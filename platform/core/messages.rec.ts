/** Messages of the record page: highlights, tabs, related lists, actions, follow, the path's dialogs. */
export const REC_MESSAGES = {
  'rec.related.new': { en: 'New', zh: '新建' },
  'rec.related.newAria': { en: 'New {object}', zh: '新建{object}' },
  'rec.related.viewAll': { en: 'View all', zh: '查看全部' },
  'rec.related.viewAllAria': { en: 'View all {list}', zh: '查看全部{list}' },
  'rec.tab.details': { en: 'Details', zh: '详细信息' },
  'rec.tab.related': { en: 'Related', zh: '相关记录' },
  'rec.tab.activity': { en: 'Activity', zh: '活动' },
  'rec.tab.history': { en: 'History', zh: '历史记录' },
  'rec.owner': { en: 'Owner', zh: '负责人' },
  'rec.showEmpty': { en: 'Show empty fields ({count})', zh: '显示空字段（{count}）' },
  'rec.hideEmpty': { en: 'Hide empty fields', zh: '隐藏空字段' },
  'rec.activity.slot': {
    en: 'Tasks, calls and visit logs will appear here once activities are available.',
    zh: '活动功能上线后，任务、通话和拜访记录将显示在这里。',
  },
  'rec.activity.empty': { en: 'No stage changes or approvals yet.', zh: '暂无阶段变更或审批记录。' },
  'rec.activity.stage': { en: 'Stage changed to {stage}', zh: '阶段变更为"{stage}"' },
  'rec.activity.approval': { en: 'Approval: {status}', zh: '审批：{status}' },
  'rec.path.confirmTitle': { en: 'Move to {stage}?', zh: '推进到"{stage}"？' },
  'rec.path.confirmOk': { en: 'Move', zh: '推进' },
  'rec.path.needsInput': { en: 'To move to {stage}, fill in:', zh: '推进到"{stage}"前，请填写：' },
} as const satisfies Record<string, { en: string; zh: string }>;
