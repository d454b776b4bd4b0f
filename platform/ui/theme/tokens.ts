import type { ThemeConfig } from 'antd';

/**
 * The app's Ant Design theme, in one place for the browser's ConfigProvider and for the stylesheet
 * generated from it (`npm run gen`, see antdStylesheet.ts).
 *
 * Ant Design's greys and link blue are below 4.5:1 on white; these keep links, placeholders, help
 * text, empty states and secondary text readable (WCAG AA, checked by axe in the e2e tests).
 */
export const THEME_TOKENS = {
  colorPrimary: '#1f5fbf',
  colorLink: '#1f5fbf',
  colorError: '#cf1322',
  colorTextSecondary: '#595959',
  colorTextDescription: '#595959',
  colorTextPlaceholder: '#6b6b6b',
  colorTextDisabled: '#6b6b6b',
  borderRadius: 6,
};

/**
 * The theme as ConfigProvider takes it. A fixed CSS-variable scope (antd names it per render
 * otherwise) lets the generated stylesheet carry the variables too, so pages need no inline styles.
 */
export const THEME: ThemeConfig = { token: THEME_TOKENS, cssVar: { key: 'css-var-tessera' } };
