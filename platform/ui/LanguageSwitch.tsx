'use client';
/** English / 简体中文 switch: sets the language cookie and re-renders the server components. */
import { Select } from 'antd';
import { useRouter } from 'next/navigation';
import { useT } from './i18n';

export function LanguageSwitch() {
  const { tr, locale } = useT();
  const router = useRouter();
  return (
    <Select
      aria-label={tr('ui.language')}
      size="small"
      value={locale}
      style={{ width: 110 }}
      options={[
        { value: 'en', label: 'English' },
        { value: 'zh-CN', label: '简体中文' },
      ]}
      onChange={async (value) => {
        await fetch('/api/locale', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: value }) });
        window.location.reload();
        router.refresh();
      }}
    />
  );
}
