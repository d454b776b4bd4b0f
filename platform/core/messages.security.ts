/** Text of the platform's protections (busy database, request limits, sign-in, cross-site checks), in English and Simplified Chinese. */
export const SECURITY_MESSAGES = {
  'db.busy': { en: 'The server is busy. Please try again in a moment.', zh: '服务器繁忙，请稍后重试。' },
  'db.timeout': { en: 'The request took too long and was stopped. Please try again.', zh: '请求耗时过长，已被中止，请重试。' },
} as const;
