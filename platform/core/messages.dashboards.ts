/** Dashboards, the home dashboard and report subscriptions (issue 14): problems, errors and e-mail text, in English and Simplified Chinese. */
export const DASHBOARD_MESSAGES = {
  // the kind's cross-checks
  'dashboard.duplicate': { en: 'Dashboard "{name}" is defined twice', zh: '仪表板"{name}"重复定义' },
  'dashboard.componentTwice': { en: 'Component id "{id}" is used twice', zh: '组件标识"{id}"重复使用' },
  'dashboard.report': { en: 'Report "{report}" does not exist', zh: '报表"{report}"不存在' },
  'dashboard.dateField': { en: '"{field}" is not a date field of {object}', zh: '"{field}"不是{object}的日期字段' },
  'dashboard.measure': { en: '"{measure}" is not a measure of report "{report}"', zh: '"{measure}"不是报表"{report}"的度量' },
  'dashboard.filterTwice': { en: 'The {filter} filter is offered twice', zh: '筛选条件"{filter}"重复提供' },
  'dashboard.filterDefault': { en: 'Only the date filter has a default period', zh: '只有日期筛选可以设置默认期间' },
  // running and saving
  'dashboard.notFound': { en: 'Dashboard "{name}" not found', zh: '未找到仪表板"{name}"' },
  'dashboard.mayNotSave': { en: 'You may not save this dashboard', zh: '您无权保存此仪表板' },
  'dashboard.mayNotShare': { en: 'Only users who may customise metadata can share a dashboard', zh: '只有可以自定义元数据的用户才能共享仪表板' },
  'dashboard.unknownRole': { en: 'Role "{role}" does not exist', zh: '角色"{role}"不存在' },
  'dashboard.unknownGroup': { en: 'Group "{group}" does not exist', zh: '小组"{group}"不存在' },
  'dashboard.unknownDepartment': { en: 'Department "{department}" does not exist', zh: '部门"{department}"不存在' },
  'dashboard.unknownUser': { en: 'User "{user}" does not exist', zh: '用户"{user}"不存在' },
  'dashboard.badPeriod': { en: '"{value}" is not a period or a date range', zh: '"{value}"不是有效的期间或日期范围' },
  'dashboard.badDate': { en: '"{value}" is not a date (YYYY-MM-DD)', zh: '"{value}"不是日期（YYYY-MM-DD）' },
  'dashboard.filterNotOffered': { en: 'This dashboard has no {filter} filter', zh: '此仪表板没有"{filter}"筛选' },
  'dashboard.badFilter': { en: 'Unknown dashboard filter "{filter}"', zh: '未知的仪表板筛选"{filter}"' },
  'dashboard.componentTitle.approvals': { en: 'My pending approvals', zh: '我的待审批' },
  'dashboard.filter.date': { en: 'Date range', zh: '日期范围' },
  'dashboard.filter.owner': { en: 'Owner', zh: '负责人' },
  'dashboard.filter.department': { en: 'Department', zh: '部门' },
  'dashboard.filter.role': { en: 'Team', zh: '团队' },
  'dashboard.homeRole': { en: 'Home dashboard', zh: '首页仪表板' },
} as const;
