'use client';
/**
 * The list's conditions on a parent's field (a drill-down through `account.industry`), shown as
 * readable tags ("Account › Industry = IT and internet") that remove the condition when closed.
 * Labels come from `reports.fields` (the viewer's fields, parents' one lookup up, with options).
 */
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { hasMessage, type MessageKey } from '../../core/i18n';
import { useT } from '../i18n';
import type { FilterRow } from '../list/filterState';
import { useTRPC } from '../trpc';

const PATH = /^[a-z][a-z0-9_]{0,62}\.[a-z][a-z0-9_]{0,62}$/;

/** Whether a filter row is a condition on a parent's field (not a related-records row). */
export const isPathRow = (r: FilterRow) => PATH.test(r.field) && r.op !== 'with' && r.op !== 'without';

export function PathFilterTags({ object, rows, onRemove }: { object: string; rows: FilterRow[]; onRemove(row: FilterRow): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const paths = rows.filter(isPathRow);
  const fields = useQuery({ ...trpc.reports.fields.queryOptions({ object }), enabled: paths.length > 0, staleTime: 5 * 60_000 });
  if (!paths.length) return null;
  const byPath = new Map((fields.data ?? []).map((f) => [f.path, f]));
  return (
    <>
      {paths.map((row) => {
        const f = byPath.get(row.field);
        const op = hasMessage(`ui.op.${row.op}`) ? tr(`ui.op.${row.op}` as MessageKey) : row.op;
        const one = (v: unknown): string => {
          if (typeof v === 'boolean') return tr(v ? 'ui.yes' : 'ui.no');
          if (row.op === 'during' && hasMessage(`period.${String(v)}`)) return tr(`period.${String(v)}` as MessageKey);
          return f?.options?.find((o) => o.value === v)?.label ?? String(v);
        };
        const principal = f && (f.type === 'department' || f.type === 'role') && typeof row.value === 'string';
        const name = f?.label ?? row.field;
        return (
          <Tag key={`${row.field}:${row.op}`} closable closeIcon={<span aria-label={tr('paths.remove', { field: name })}>×</span>} onClose={() => onRemove(row)}>
            {name} {op}{' '}
            {principal ? (
              <PrincipalLabel kind={f.type as 'department' | 'role'} value={row.value as string} />
            ) : row.value === undefined ? null : (
              (Array.isArray(row.value) ? row.value : [row.value]).map(one).join(', ')
            )}
          </Tag>
        );
      })}
    </>
  );
}

/** A department's or role's label for its id (a report group drills by id). */
function PrincipalLabel({ kind, value }: { kind: 'department' | 'role'; value: string }) {
  const trpc = useTRPC();
  const found = useQuery({ ...trpc.principals.search.queryOptions({ kind, values: [value] }), staleTime: 5 * 60_000 });
  return <>{found.data?.length === 1 ? found.data[0].label : value}</>;
}
