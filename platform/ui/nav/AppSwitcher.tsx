'use client';
/** The app switcher (shown when the user may use more than one app); the choice is remembered per user. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Select } from 'antd';
import type { AppSummary } from '../../navigation/apps';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';

export function AppSwitcher({ apps, current, className }: { apps: AppSummary[]; current: string; className?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const choose = useMutation(
    trpc.nav.chooseApp.mutationOptions({
      onSuccess: (nav) => queryClient.setQueryData(trpc.nav.navigation.queryKey(), (old) => (old ? { ...old, ...nav } : old)),
      onError: (e) => message.error(appErrorOf(e)?.message ?? String(e)),
    }),
  );
  if (apps.length < 2) return null;
  return (
    <Select
      className={className}
      aria-label={tr('nav.switchApp')}
      value={current}
      onChange={(app) => choose.mutate({ app })}
      options={apps.map((a) => ({ value: a.name, label: label(a.label) }))}
      style={{ minWidth: 120 }}
      popupMatchSelectWidth={false}
    />
  );
}
