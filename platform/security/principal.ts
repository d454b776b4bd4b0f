/** The authenticated caller of a request. */
import type { UserRef, WorkspaceRef } from '../data/context';

export interface Principal {
  user: UserRef;
  workspace: WorkspaceRef;
  via: 'session' | 'apiKey';
  locale: string;
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
  locale: string;
  workspace: { id: string; name: string; schemaName: string; securityRevision: number; metadataRevision: number };
}

export function principalOf(u: UserWithWorkspace, via: Principal['via']): Principal {
  return {
    user: { id: u.id, name: u.name, email: u.email, isAdmin: u.isAdmin },
    workspace: { id: u.workspace.id, name: u.workspace.name, schema: u.workspace.schemaName },
    via,
    locale: u.locale,
    securityRevision: u.workspace.securityRevision,
    metadataRevision: u.workspace.metadataRevision,
  };
}
