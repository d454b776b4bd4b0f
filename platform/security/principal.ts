/** The authenticated caller of a request. */
import type { UserRef, WorkspaceRef } from '../data/context';

export interface Principal {
  user: UserRef;
  workspace: WorkspaceRef;
  via: 'session' | 'apiKey';
  /** The user's chosen language; null: not chosen (their browser's is used, core/locale.ts). */
  locale: string | null;
  /** The workspace's security revision when the principal was loaded (keys the security cache). */
  securityRevision: number;
  /** The workspace's metadata revision when the principal was loaded (keys the metadata cache). */
  metadataRevision: number;
}

interface UserWithWorkspace {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  locale: string | null;
  workspace: { id: string; name: string; schemaName: string; securityRevision: number; metadataRevision: number; fiscalYearStartMonth?: number };
}

export function principalOf(u: UserWithWorkspace, via: Principal['via']): Principal {
  return {
    user: { id: u.id, name: u.name, email: u.email, isAdmin: u.isAdmin },
    workspace: { id: u.workspace.id, name: u.workspace.name, schema: u.workspace.schemaName, fiscalYearStartMonth: u.workspace.fiscalYearStartMonth ?? 1 },
    via,
    locale: u.locale,
    securityRevision: u.workspace.securityRevision,
    metadataRevision: u.workspace.metadataRevision,
  };
}

/**
 * The columns a principal is read from (users `u` joined to workspaces `w`). The hot path reads
 * them with one SQL statement per request: through Prisma the same lookup cost about 2 ms of CPU
 * against 0.35 ms, which was a third of a list request.
 */
export const PRINCIPAL_COLUMNS = `u.id AS user_id, u.name AS user_name, u.email AS user_email, u.is_admin, u.locale, u.active,
  w.id AS workspace_id, w.name AS workspace_name, w.schema_name, w.security_revision, w.metadata_revision, w.fiscal_year_start_month`;

export interface PrincipalRow {
  user_id: string;
  user_name: string;
  user_email: string;
  is_admin: boolean;
  locale: string | null;
  active: boolean;
  workspace_id: string;
  workspace_name: string;
  schema_name: string;
  security_revision: number;
  metadata_revision: number;
  fiscal_year_start_month: number;
}

/** A principal from a row of PRINCIPAL_COLUMNS. */
export function principalFromRow(r: PrincipalRow, via: Principal['via']): Principal {
  return principalOf(
    {
      id: r.user_id,
      name: r.user_name,
      email: r.user_email,
      isAdmin: r.is_admin,
      locale: r.locale,
      workspace: {
        id: r.workspace_id,
        name: r.workspace_name,
        schemaName: r.schema_name,
        securityRevision: r.security_revision,
        metadataRevision: r.metadata_revision,
        fiscalYearStartMonth: r.fiscal_year_start_month,
      },
    },
    via,
  );
}
