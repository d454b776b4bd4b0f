/**
 * Build the context every record-service call carries: the caller's metadata view (field-level
 * security), object rights, and access plans per object and mode (memoised for the request).
 */
import type pg from 'pg';
import type { Locale } from '../core/i18n';
import type { Channel, RecordContext, SecurityContext, UserRef, WorkspaceRef } from '../data/context';
import type { MetadataModel } from '../metadata/model';
import { getMetadata } from '../metadata/registry';
import { accessPlan, type AccessMode, type AccessPlan } from './access';
import { loadSecurityModel, type SecurityModel } from './model';
import { SYSTEM_PERMISSIONS, userPermissions } from './permissions';
import { metadataFor } from './view';
// Every record context writes with the capabilities' write steps installed (API, jobs, scripts, tests).
import '../capabilities';

function securityFor(fullMeta: MetadataModel, model: SecurityModel | null, userId: string, fiscalYearStartMonth = 1): SecurityContext {
  const perms = model ? userPermissions(model, userId) : SYSTEM_PERMISSIONS;
  const plans = new Map<string, Promise<AccessPlan>>();
  return {
    fullMeta,
    model,
    perms,
    plan(object: string, mode: AccessMode): Promise<AccessPlan> {
      if (!model) return Promise.resolve({ all: true, owners: [], criteria: [] });
      const key = `${object}:${mode}`;
      let p = plans.get(key);
      if (!p) {
        // Shares are part of every read/edit plan (an indexed sub-select in the query itself), so
        // building a plan never needs a query of its own.
        const plan = accessPlan(model, fullMeta, perms, userId, object, mode);
        // Criteria rules with `during` a fiscal period follow the workspace's fiscal year.
        p = Promise.resolve(plan.criteria.length && fiscalYearStartMonth !== 1 ? { ...plan, fiscalYearStartMonth } : plan);
        plans.set(key, p);
      }
      return p;
    },
  };
}

export interface ContextInput {
  pool: pg.Pool;
  workspace: WorkspaceRef;
  user: UserRef;
  locale?: Locale;
  channel?: Channel;
  /** The workspace's security revision when already known (saves a query). */
  securityRevision?: number;
  /** The workspace's metadata revision when already known (saves a query). */
  metadataRevision?: number;
}

/** The context of a signed-in user or API key. */
export async function buildRecordContext(input: ContextInput): Promise<RecordContext> {
  const fullMeta = await getMetadata(input.workspace, input.pool, input.metadataRevision);
  const model = await loadSecurityModel(input.pool, input.workspace.id, input.securityRevision);
  const security = securityFor(fullMeta, model, input.user.id, input.workspace.fiscalYearStartMonth ?? 1);
  const setsKey = (model.userSets.get(input.user.id) ?? []).slice().sort().join(',');
  return {
    pool: input.pool,
    workspace: input.workspace,
    meta: metadataFor(fullMeta, security.perms, `${model.revision}:${setsKey}`),
    user: { ...input.user, isAdmin: security.perms.admin },
    locale: input.locale ?? 'en',
    channel: input.channel ?? 'ui',
    security,
  };
}

/** A context with every right, for the platform's own work (seeds, background jobs). `actor` is recorded as the author. */
export function systemRecordContext(pool: pg.Pool, workspace: WorkspaceRef, actor: UserRef, meta: MetadataModel, channel: Channel = 'system'): RecordContext {
  return { pool, workspace, meta, user: actor, locale: 'en', channel, security: securityFor(meta, null, actor.id) };
}
