/** Sharing pickers, drill-down through parent fields and the report Save dialog's sharing (issue 14): English and Simplified Chinese. */
export const SHARING_MESSAGES = {
  // the principals endpoint
  'principals.kind': { en: 'Choose roles, departments, groups or users', zh: '请选择角色、部门、小组或用户' },
  'principals.query': { en: 'The search text is at most 100 characters', zh: '搜索文字最多 100 个字符' },
  // the picker
  'principals.role': { en: 'Roles', zh: '角色' },
  'principals.department': { en: 'Department', zh: '部门' },
  'principals.group': { en: 'Groups', zh: '小组' },
  'principals.user': { en: 'Users', zh: '用户' },
  'principals.team': { en: 'Team', zh: '团队' },
  'principals.teamAny': { en: 'All teams', zh: '全部团队' },
  // conditions on a parent's field in the list's filter bar
  'paths.remove': { en: 'Remove the condition on {field}', zh: '移除“{field}”条件' },
  // the report Save dialog
  'sharing.visibility.shared': { en: 'Shared with roles and groups', zh: '共享给角色和小组' },
  'sharing.rolesExact': { en: 'People whose role is one of these, and members of the groups, see it', zh: '角色为其中之一的用户以及小组成员可以查看' },
  'sharing.pickSomeone': { en: 'Choose at least one role or group', zh: '请至少选择一个角色或小组' },
  'sharing.needsRight': {
    en: 'Only you will see this report: sharing it with others needs the "Customise metadata" right. Ask an administrator to share it.',
    zh: '此报表仅您本人可见：共享给他人需要"自定义元数据"权限，请联系管理员共享。',
  },
  // number cards and gauges
  'drill.showRecords': { en: 'Show the records', zh: '查看记录' },
  'principals.none': { en: 'Nothing matches', zh: '没有匹配项' },
} as const;
