/**
 * The metadata-kind registry: adding a kind means adding one module (and its schema) and listing
 * it here. Objects (with their fields) and extensions are the core the other kinds hang on: they
 * are built first, by build.ts, and declared in object.ts. Everything else — loading, layers,
 * packages, the designer and both API routers — iterates `documentKinds()`.
 */
import { actionKind } from './action';
import { appKind } from './app';
import { bucketKind } from './bucket';
import { approvalKind } from './approval';
import { dashboardKind } from './dashboard';
import { layoutKind } from './layout';
import { listviewKind } from './listview';
import { processKind } from './process';
import { reportKind } from './report';
import { ruleKind } from './rule';
import { assignmentRuleKind } from './assignmentRule';
import { queueKind } from './queue';
import { webFormKind } from './webForm';
import { conversionKind } from './conversion';
import { addMessages } from '../../core/i18n';
import type { DocumentKind, NamedDocument } from './types';

/**
 * In folder order (how files load and packages list them); build order is each kind's `buildOrder`.
 * Made on first use, not at load: kind modules import the designer's commit path, which imports
 * the model builder, which imports this registry, so at load time a kind may not exist yet.
 */
let kinds: readonly DocumentKind[] | undefined;
const stockKinds = () => [layoutKind, listviewKind, ruleKind, processKind, approvalKind, actionKind, appKind, bucketKind, reportKind, dashboardKind, queueKind, assignmentRuleKind, webFormKind, conversionKind] as unknown as DocumentKind[];

/** Every document kind, in folder order. A new array whenever a kind is registered (caches key on it). */
export function documentKinds(): readonly DocumentKind[] {
  kinds ??= stockKinds();
  return kinds;
}

/** The kind whose item keys start with `name:` (e.g. `view`), if any. */
export function documentKind(name: string): DocumentKind | undefined {
  return documentKinds().find((k) => k.name === name);
}

/** The kind stored in `folder` (metadata/, packages, REST segment), if any. */
export function kindOfFolder(folder: string): DocumentKind | undefined {
  return documentKinds().find((k) => k.folder === folder);
}

/**
 * Add a kind at run time: a test hook, so a test can prove a kind needs nothing outside its module.
 * Returns the function that takes it out again.
 */
export function registerKind<D extends NamedDocument>(kind: DocumentKind<D>): () => void {
  const taken = documentKinds().some((k) => k.name === kind.name || k.folder === kind.folder || k.schemaName === kind.schemaName);
  // Names and folders the core kinds, packages and the REST metadata API already use.
  if (taken || ['object', 'field', 'extension'].includes(kind.name) || ['objects', 'extensions', 'data', 'revisions', 'conflicts'].includes(kind.folder)) {
    throw new Error(`A metadata kind named "${kind.name}" (folder ${kind.folder}) is already registered`);
  }
  const added = kind as unknown as DocumentKind;
  kinds = [...documentKinds(), added];
  const removeMessages = addMessages(kind.messages ?? {});
  return () => {
    kinds = documentKinds().filter((k) => k !== added);
    removeMessages();
  };
}
