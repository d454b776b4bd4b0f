'use client';
/** Pieces shared by the administration screens: the page frame, data types and hooks, server errors by their fields. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { Alert, Card, Typography, type FormInstance } from 'antd';
import { useCallback } from 'react';
import type { Locale } from '../../core/i18n';
import { appErrorOf, type ClientAppError } from '../errors';
import { useTRPC, type AppRouter } from '../trpc';

type Outputs = inferRouterOutputs<AppRouter>;
export type Org = Outputs['admin']['org'];
export type OrgUser = Org['users'][number];
export type OrgNode = Org['roles'][number] & { headUserId?: string | null };
export type Group = Org['groups'][number];
export type PermissionSet = Org['permissionSets'][number];
export type ObjectSummary = Outputs['meta']['session']['objects'][number];

/** The frame of every administration screen: a card whose title is the page's one level-1 heading. */
export function AdminPage({ title, extra, children }: { title: string; extra?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      extra={extra}
    >
      {children}
    </Card>
  );
}

/** A section heading inside a page. */
export function SectionTitle({ children }: { children: React.ReactNode }) {
  return (
    <Typography.Title level={2} style={{ fontSize: 16, margin: '24px 0 12px' }}>
      {children}
    </Typography.Title>
  );
}

/** Users, roles, departments, groups and permission sets in one query. */
export function useOrg() {
  const trpc = useTRPC();
  return useQuery(trpc.admin.org.queryOptions());
}

/** The objects the signed-in user can see, for labels and pickers. */
export function useObjects() {
  const trpc = useTRPC();
  const session = useQuery(trpc.meta.session.queryOptions());
  return { objects: session.data?.objects ?? [], system: session.data?.system, loading: session.isLoading };
}

/** Refetch everything under `admin` after a change (lists, counts, previews). */
export function useInvalidateAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() }), [trpc, queryClient]);
}

/** A stored label/labelZh pair in the current language. */
export function localLabel(item: { label: string; labelZh?: string | null }, locale: Locale): string {
  return locale === 'zh-CN' && item.labelZh ? item.labelZh : item.label;
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString(undefined) : '';
}

/**
 * Put a server error's details on the form fields they name; returns the error when something is
 * left for an Alert (no field, or a field this form does not have), else null.
 */
export function showServerError(form: FormInstance | null, fields: readonly string[], e: unknown): ClientAppError | null {
  const err = appErrorOf(e);
  if (!err) return null;
  const byField = err.details.filter((d) => d.field && fields.includes(d.field));
  if (form && byField.length) form.setFields(byField.map((d) => ({ name: d.field!, errors: [d.message] })));
  const rest = err.details.filter((d) => !byField.includes(d));
  if (byField.length && rest.length === 0) return null;
  return { ...err, details: rest };
}

/** A server error as an Alert (its message, and any further detail messages). */
export function ErrorAlert({ error, style }: { error: ClientAppError | null | undefined; style?: React.CSSProperties }) {
  if (!error) return null;
  const more = [...new Set(error.details.map((d) => d.message))].filter((m) => m !== error.message);
  return <Alert role="alert" type="error" showIcon title={error.message} description={more.join('; ') || undefined} style={{ marginBottom: 16, ...style }} />;
}

/** The page-level state of a query: an error Alert or a loading card, else null. */
export function QueryGate({ title, error, loading }: { title: string; error: unknown; loading: boolean }) {
  if (error)
    return (
      <AdminPage title={title}>
        <ErrorAlert error={appErrorOf(error)} />
      </AdminPage>
    );
  if (loading) return <Card loading />;
  return null;
}

/** Options for a user picker: "name (email)", optionally only active users. */
export function userOptions(users: { id: string; name: string; email: string; active?: boolean }[], activeOnly = false) {
  return users.filter((u) => !activeOnly || u.active !== false).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));
}

/** Empty strings from inputs become null (the server clears the value). */
export function orNull(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}
