/** Navigation: apps and menus, the header's global search, recently viewed, the mobile drawer. */
export const NAV_MESSAGES = {
  // the `app` metadata kind's cross-checks
  'app.object': { en: 'The menu names object "{object}", which does not exist', zh: '菜单中的对象“{object}”不存在' },
  'app.duplicate': { en: 'The menu lists {item} twice', zh: '菜单中{item}出现了两次' },
  'app.default': { en: 'Only one app can be the default; {app} is one too', zh: '只能有一个默认应用，{app}也被设为默认' },
  'app.unknown': { en: 'There is no app "{app}" for you', zh: '没有可供您使用的应用“{app}”' },
  // navigation
  'nav.home': { en: 'Home', zh: '首页' },
  'nav.approvals': { en: 'My approvals', zh: '我的审批' },
  'nav.objects': { en: 'All objects', zh: '全部对象' },
  'nav.objectsTitle': { en: 'All objects', zh: '全部对象' },
  'nav.objectsIntro': { en: "Every kind of record you may open, including those not in your app's menu.", zh: '您可以打开的所有记录类型，包括不在当前应用菜单中的。' },
  'nav.menu': { en: 'Navigation', zh: '导航' },
  'nav.openMenu': { en: 'Open navigation', zh: '打开导航菜单' },
  'nav.closeMenu': { en: 'Close navigation', zh: '关闭导航菜单' },
  'nav.app': { en: 'App', zh: '应用' },
  'nav.switchApp': { en: 'Switch app', zh: '切换应用' },
  'nav.recent': { en: 'Recently viewed', zh: '最近查看' },
  'nav.recentEmpty': { en: 'Records you open appear here', zh: '您打开的记录会显示在这里' },
  // global search
  'search.label': { en: 'Search all records', zh: '搜索全部记录' },
  'search.placeholder': { en: 'Search names, phones, e-mails, pinyin…', zh: '搜索名称、电话、邮箱、拼音…' },
  'search.none': { en: 'Nothing found for "{q}"', zh: '未找到与“{q}”相关的记录' },
  'search.more': { en: 'All {object} matching "{q}"', zh: '查看全部匹配“{q}”的{object}' },
  'search.results': { en: 'Search results', zh: '搜索结果' },
} as const satisfies Record<string, { en: string; zh: string }>;
