'use client';
/** The sign-in page. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useT } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function LoginForm({ next, demo }: { next: string; demo?: { email: string; password: string } }) {
  const { tr } = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (values: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
    if (res.ok) {
      window.location.assign(next);
      return;
    }
    const body = await res.json().catch(() => null);
    setError(body?.error?.message ?? res.statusText);
    setBusy(false);
  };
  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card
        style={{ width: 400 }}
        title={
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {tr('ui.login.title')}
          </Typography.Title>
        }
        extra={<LanguageSwitch />}
      >
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label={tr('ui.login.email')} name="email" rules={[{ required: true }]}>
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={tr('ui.login.password')} name="password" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {tr('ui.login.submit')}
          </Button>
        </Form>
        {demo && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            {tr('ui.login.demoHint', demo)}
          </Typography.Paragraph>
        )}
      </Card>
    </main>
  );
}
