/** Who is asking, in which workspace, with which metadata: passed to every record-service call. */
import type pg from 'pg';
import { AppError } from '../core/errors';
import { queryableFor, type Queryable } from '../db/pool';
import { t, type Locale } from '../core/i18n';
import type { MetadataModel, ObjectModel } from '../metadata/model';
import type { AccessMode, AccessPlan } from '../security/access';
import type { ObjectRights, SecurityModel } from '../security/model';
import type { UserPermissions } from '../security/permissions';

export interface WorkspaceRef {
  id: string;
  name: string;
  /** Postgres schema holding the workspace's record tables. */
  schema: string;
  /** Month (1-12) the fiscal year starts in (workspace setting); absent: January. */
  fiscalYearStartMonth?: number;
}

export interface UserRef {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
}

/** How a change arrived: recorded in field history. */
export type Channel = 'ui' | 'api' | 'system' | 'import' | 'automation' | 'web';

export interface SecurityContext {
  /** The whole metadata, for the platform's own checks (sharing criteria may use fields the user cannot see). */
  fullMeta: MetadataModel;
  /** Null in a system context: every right. */
  model: SecurityModel | null;
  perms: UserPermissions;
  /** The caller's grants on an object's records (memoised per request). */
  plan(object: string, mode: AccessMode): Promise<AccessPlan>;
}

export interface RecordContext {
  pool: pg.Pool;
  workspace: WorkspaceRef;
  /** The metadata as this user may see it (hidden fields removed, read-only fields marked). */
  meta: MetadataModel;
  user: UserRef;
  locale: Locale;
  channel: Channel;
  security: SecurityContext;
  /** An open transaction the record service joins instead of starting its own (a capability acting in its own transaction). */
  tx?: pg.PoolClient;
}

/** Where the caller's queries run: its transaction when it holds one (never a second connection), else the pool. */
export function dbOf(ctx: Pick<RecordContext, 'pool' | 'tx'>): Queryable {
  return ctx.tx ?? queryableFor(ctx.pool);
}

/** The object's model, or 404 naming the unknown object. */
export function objectOf(ctx: Pick<RecordContext, 'meta' | 'locale'>, name: string): ObjectModel {
  const obj = ctx.meta.objects.get(name);
  if (!obj)
    throw new AppError('NOT_FOUND', t(ctx.locale, 'object.unknown', { object: name }), [{ code: 'object.unknown', message: t(ctx.locale, 'object.unknown', { object: name }) }]);
  return obj;
}

/** The object, or 404; and 403 unless the caller holds `right` on it. */
export function requireObject(ctx: RecordContext, name: string, right: keyof ObjectRights): ObjectModel {
  const obj = objectOf(ctx, name);
  if (!ctx.security.perms.object(obj.name)[right]) {
    const message = t(ctx.locale, 'auth.forbidden');
    throw new AppError('FORBIDDEN', message, [{ code: `object.${right}`, message }]);
  }
  return obj;
}
