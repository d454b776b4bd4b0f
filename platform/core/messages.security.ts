/** Text of the platform's protections (busy database, request limits, sign-in, cross-site checks), in English and Simplified Chinese. */
export const SECURITY_MESSAGES = {
  'db.busy': { en: 'The server is busy. Please try again in a moment.', zh: '服务器繁忙，请稍后重试。' },
  'db.timeout': { en: 'The request took too long and was stopped. Please try again.', zh: '请求耗时过长，已被中止，请重试。' },
  'request.forbiddenKey': { en: 'The key "{key}" is not allowed in a request (at {pointer})', zh: '请求中不允许使用键名"{key}"（位置：{pointer}）' },
  'request.tooDeep': { en: 'The JSON is nested too deeply (at most {max} levels)', zh: 'JSON 嵌套层级过深（最多 {max} 层）' },
  'request.tooLarge': { en: 'The request body is too large (1 MB at most)', zh: '请求体过大（最多 1 MB）' },
  'request.methodNotAllowed': { en: '{method} is not supported here; use {allowed}', zh: '此地址不支持 {method} 请求，请使用 {allowed}' },
  'request.noRoute': { en: 'There is no API at {path}', zh: 'API 地址 {path} 不存在' },
  'request.unknownKey': { en: 'Unknown key "{key}" (expected one of: {expected})', zh: '未知的键名"{key}"（可用：{expected}）' },
  'csrf.contentType': {
    en: 'Request refused: changes sent from a browser must be JSON (Content-Type: application/json)',
    zh: '请求已被拒绝：浏览器提交的修改必须使用 JSON 格式（Content-Type: application/json）',
  },
  'csrf.origin': { en: 'Request refused: it came from another website, not from this application', zh: '请求已被拒绝：它来自其他网站，而不是本应用' },
  'auth.throttled': { en: 'Too many failed sign-ins from your network. Try again in {minutes} minutes.', zh: '您所在网络的登录失败次数过多，请 {minutes} 分钟后再试。' },
  'auth.emailRequired': { en: 'Enter your email address (text, at most {max} characters)', zh: '请输入邮箱地址（文本，最多 {max} 个字符）' },
  'auth.passwordRequired': { en: 'Enter your password (text, at most {max} characters)', zh: '请输入密码（文本，最多 {max} 个字符）' },
  'request.tooLargeKb': { en: 'The request body is too large ({max} KB at most)', zh: '请求体过大（最多 {max} KB）' },
  'request.revisionNumber': { en: 'before must be a revision number', zh: 'before 必须是修订版本号' },
  'request.invalidValue': { en: 'The value at {pointer} is missing or has the wrong type', zh: '{pointer} 处的值缺失或类型不对' },
  'workspace.upgrading': {
    en: 'This workspace is being brought up to date after an upgrade. Please try again in a moment.',
    zh: '系统升级后，正在更新此工作区的数据，请稍后重试。',
  },
  'metadata.unknownKind': { en: 'There is no kind of metadata named "{kind}"', zh: '不存在名为"{kind}"的元数据类型' },
  'metadata.notRemovable': { en: 'A {kind} cannot be deleted, only replaced', zh: '{kind}不能删除，只能替换' },
} as const;
