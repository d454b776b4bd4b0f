/**
 * Packages (industry templates): read a package folder, install / upgrade / uninstall it as a
 * metadata layer of a workspace, export a workspace's customisations as a package, and create a
 * workspace from a template. Format: docs/packages.md.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { ErrorDetail, MessageParam, MessageParams } from '../core/errors';
import type { MessageKey } from '../core/i18n';
import { keyedError, problem, problemsError } from '../core/problems';
import { bulkInsert } from '../data/bulk';
import type { WorkspaceRef } from '../data/context';
import { withTransaction, type Queryable } from '../db/pool';
import { getPrisma } from '../db/prisma';
import { canonicalDocument, canonicalValue } from '../metadata/canonical';
import { commitChange, currentState, type ChangeActor, type CommitResult } from '../metadata/changes';
import { extensionKind, objectKind } from '../metadata/kinds/object';
import { documentKind, documentKinds } from '../metadata/kinds/registry';
import { composeLayers, findConflicts, itemKey, parseKey, toEntries, type Conflict, type ItemKind, type Items, type LayerEntry } from '../metadata/layers';
import type { ObjectDefinition } from '../metadata/model';
import { deepEqual, diffPatch, isObject, type Json } from '../metadata/patch';
import { stockLayer, type PackageRow } from '../metadata/registry';
import { metaSchema, validateMetadata } from '../metadata/schemas';
import { ensureWorkspace } from '../schema/workspaces';
import { systemRecordContext } from '../security/context';
import { assignPermissionSets } from '../security/stock';
import { passwordProblem } from '../security/sessions';
import { createUser, normaliseEmail } from '../security/users';
import { ident } from '../core/identifiers';
import { MAX_JSON_DEPTH, parseJsonSafe, UnsafeJsonError } from '../core/json';
import type { PackageManifest } from '../metadata/generated/manifest';
import type { ObjectExtension } from '../metadata/generated/extension';

export const PLATFORM_VERSION = '0.1.0';

export interface PackageContent {
  manifest: PackageManifest;
  entries: LayerEntry[];
  /** Seed records per object. */
  data: Record<string, Record<string, unknown>[]>;
}

/** Package folders: objects, extensions, then every registered kind's (a folder named "constructor" is no kind). */
function folders(): { folder: string; schemaName: string; leaveToCrossCheck?: (pointer: string) => boolean }[] {
  return [objectKind, extensionKind, ...documentKinds()];
}

/** JSON.parse's own explanation of a syntax error (parseJsonSafe keeps only the kind). */
function syntaxMessage(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** Parse and validate a package given as file path → text; every problem at once, by file and pointer. */
export function packageFromFiles(files: Record<string, string>): PackageContent {
  const errors: ErrorDetail[] = [];
  const err = (file: string, pointer: string, key: MessageKey, params: MessageParams = {}) => errors.push(problem(key, params, { file, pointer }));
  const parsed = new Map<string, unknown>();
  for (const [raw, text] of Object.entries(files)) {
    const file = raw.replace(/\\/g, '/').replace(/^\.?\//, '');
    if (!file.endsWith('.json')) continue;
    try {
      parsed.set(file, parseJsonSafe(text));
    } catch (e) {
      const p = e instanceof UnsafeJsonError ? e.problem : null;
      if (p?.kind === 'forbiddenKey') err(file, p.pointer, 'json.forbiddenKey', { key: p.key });
      else if (p?.kind === 'tooDeep') err(file, p.pointer, 'json.tooDeep', { max: MAX_JSON_DEPTH });
      else err(file, '/', 'json.syntax', { reason: syntaxMessage(text) });
    }
  }
  const manifest = parsed.get('manifest.json');
  if (manifest === undefined) err('manifest.json', '/', 'package.manifest');
  else errors.push(...validateMetadata('manifest', manifest, 'manifest.json'));

  const objects: ObjectDefinition[] = [];
  const documents: Record<string, unknown[]> = Object.fromEntries(documentKinds().map((k) => [k.folder, []]));
  const known = folders();
  const extensionEntries: LayerEntry[] = [];
  const data: PackageContent['data'] = Object.create(null); // keyed by file names from outside
  for (const [file, value] of [...parsed.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [folder, name] = file.split('/');
    if (file === 'manifest.json') continue;
    if (folder === 'data' && name) {
      if (!Array.isArray(value)) err(file, '/', 'package.data');
      else data[name.replace(/\.json$/, '')] = value as Record<string, unknown>[];
      continue;
    }
    const kind = known.find((k) => k.folder === folder);
    if (!kind || !name) {
      err(file, '/', 'package.file', { folders: `${known.map((k) => k.folder).join('/, ')}/` });
      continue;
    }
    const e = validateMetadata(kind.schemaName, value, file).filter((x) => !(kind.leaveToCrossCheck && x.pointer && kind.leaveToCrossCheck(x.pointer)));
    if (e.length) {
      errors.push(...e);
      continue;
    }
    if (kind === objectKind) objects.push(value as ObjectDefinition);
    else if (kind !== extensionKind) documents[folder].push(value);
    else {
      const ext = value as ObjectExtension;
      if (ext.changes && Object.keys(ext.changes).length) extensionEntries.push({ key: itemKey.object(ext.object), mode: 'patch', value: ext.changes as Json });
      for (const f of ext.fields ?? []) extensionEntries.push({ key: itemKey.field(ext.object, f.name), mode: 'set', value: f as unknown as Json });
      for (const [field, patch] of Object.entries(ext.fieldChanges ?? {})) extensionEntries.push({ key: itemKey.field(ext.object, field), mode: 'patch', value: patch as Json });
    }
  }
  if (errors.length) throw problemsError(errors, 'package.invalid');
  // Objects first (with their fields), then extensions, then every other kind in registry order.
  const own = toEntries({ objects });
  const rest = toEntries(documents);
  return { manifest: manifest as PackageManifest, entries: [...own, ...extensionEntries, ...rest], data };
}

/** Read a package folder from disk. */
export function readPackageDir(dir: string): PackageContent {
  const files: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const entry of fs.readdirSync(/*turbopackIgnore: true*/ d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(/*turbopackIgnore: true*/ d, entry.name), rel);
      else if (entry.name.endsWith('.json')) files[rel] = fs.readFileSync(path.join(/*turbopackIgnore: true*/ d, entry.name), 'utf8');
    }
  };
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) throw keyedError('NOT_FOUND', 'package.folder', { dir });
  walk(dir, '');
  return packageFromFiles(files);
}

function parseVersion(v: string): number[] {
  return v.split('.').map((x) => Number(x) || 0);
}
function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
/** Ranges: `*`, `x.y.z`, `>=x.y.z`, `^x.y.z` (same major). */
export function satisfies(version: string, range: string): boolean {
  const r = range.trim();
  if (r === '*' || r === '') return true;
  if (r.startsWith('>=')) return compareVersions(version, r.slice(2)) >= 0;
  if (r.startsWith('^')) return parseVersion(version)[0] === parseVersion(r.slice(1))[0] && compareVersions(version, r.slice(1)) >= 0;
  return compareVersions(version, r) === 0;
}

export interface InstallResult extends CommitResult {
  action: 'installed' | 'upgraded' | 'unchanged' | 'reinstalled';
  conflicts: Conflict[];
  records: number;
}

/** Install, upgrade or re-install a package; idempotent for the same version. */
export async function installPackage(actor: ChangeActor, pkg: PackageContent): Promise<InstallResult> {
  const { name, version } = pkg.manifest;
  let action: InstallResult['action'] = 'installed';
  let records = 0;
  const result = await commitChange(actor, `Installed package ${name} ${version}`, (state) => {
    const problems: ErrorDetail[] = [];
    const requires = (key: MessageKey, params: MessageParams) => problems.push(problem(key, params, { file: 'manifest.json', pointer: '/requires', code: 'package.requires' }));
    const tessera = pkg.manifest.requires?.tessera;
    if (tessera && !satisfies(PLATFORM_VERSION, tessera)) requires('package.requires', { range: tessera, version: PLATFORM_VERSION });
    for (const [dep, range] of Object.entries(pkg.manifest.requires?.packages ?? {})) {
      const have = state.packages.find((p) => p.name === dep && p.status === 'installed');
      if (!have) requires('package.requires.missing', { package: dep, range });
      else if (!satisfies(have.version, range)) requires('package.requires.package', { package: dep, range, installed: have.version });
    }
    const existing = state.packages.find((p) => p.name === name);
    if (existing && existing.status === 'installed' && compareVersions(version, existing.version) < 0) requires('package.requires.older', { version, installed: existing.version });
    if (problems.length) {
      const reason = problems.map((p): MessageParam => ({ key: p.key ?? p.code, params: p.params })).reduce((a, b) => ({ key: 'list.join', params: { a, b } }));
      throw keyedError('CONFLICT', 'package.cannotInstall', { name, version, reason }, problems);
    }
    if (existing && existing.status === 'installed' && existing.version === version && deepEqual(existing.entries, pkg.entries)) action = 'unchanged';
    else if (existing && existing.status === 'installed') action = 'upgraded';
    else if (existing) action = 'reinstalled';
    // Objects and fields an earlier version added that this one no longer has stay, archived: they hold data.
    const remnants = (existing?.entries ?? [])
      .filter((e) => e.mode === 'set' && /^(object|field):/.test(e.key) && !pkg.entries.some((n) => n.key === e.key))
      .map((e) => ({ ...e, value: { ...(e.value as object), archived: true } as Json }));
    const row: PackageRow = {
      id: existing?.id ?? '',
      name,
      version,
      manifest: pkg.manifest as unknown as Json,
      entries: [...pkg.entries, ...remnants],
      status: 'installed',
      position: existing?.position ?? Math.max(0, ...state.packages.map((p) => p.position)) + 1,
    };
    const packages = existing ? state.packages.map((p) => (p.name === name ? row : p)) : [...state.packages, row];
    const seed = !existing && Object.keys(pkg.data).length > 0;
    return {
      deltas: state.deltas,
      packages,
      after: seed
        ? async (client, model) => {
            records = await seedData(client, actor, model, pkg.data);
          }
        : undefined,
    };
  });
  const conflicts = await packageConflicts(actor.pool, actor.workspace.id);
  return { ...result, action: result.revision === null ? 'unchanged' : action, conflicts, records };
}

async function seedData(client: pg.PoolClient, actor: ChangeActor, model: Parameters<typeof systemRecordContext>[3], data: PackageContent['data']): Promise<number> {
  const ctx = systemRecordContext(actor.pool, actor.workspace, { id: actor.userId!, name: 'package', email: '', isAdmin: true }, model);
  const refs = new Map<string, string>();
  for (const rows of Object.values(data)) for (const r of rows) if (typeof r.$ref === 'string') refs.set(r.$ref, randomUUID());
  const resolve = (v: unknown) => (isObject(v) && typeof v.$ref === 'string' ? (refs.get(v.$ref) ?? null) : v);
  let n = 0;
  for (const [object, rows] of Object.entries(data)) {
    const prepared = rows.map((r) => {
      const { $ref, ...values } = r;
      return {
        values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, resolve(v)])),
        id: typeof $ref === 'string' ? refs.get($ref) : undefined,
        owner: actor.userId ?? undefined,
      };
    });
    n += await bulkInsert(ctx, client, object, prepared);
  }
  return n;
}

/** Uninstall: the package's layouts, views and changes go; objects and fields it added are archived (data kept). */
export async function uninstallPackage(actor: ChangeActor, name: string): Promise<CommitResult> {
  return commitChange(actor, `Uninstalled package ${name}`, (state) => {
    const existing = state.packages.find((p) => p.name === name && p.status === 'installed');
    if (!existing) throw keyedError('NOT_FOUND', 'package.notInstalled', { name });
    const dependants = state.packages.filter((p) => p.status === 'installed' && (p.manifest as unknown as PackageManifest).requires?.packages?.[name]);
    if (dependants.length) throw keyedError('CONFLICT', 'package.neededBy', { name, dependants: dependants.map((p) => p.name).join(', ') });
    const packages = state.packages.map((p) => (p.name === name ? { ...p, status: 'uninstalled' as const } : p));
    // Customisations of items the package brought (other than its objects and fields) have nothing left to change.
    const gone = new Set(existing.entries.filter((e) => !(e.mode === 'set' && /^(object|field):/.test(e.key))).map((e) => e.key));
    return { deltas: state.deltas.filter((d) => d.added || !gone.has(d.key) || stockLayer().entries.some((e) => e.key === d.key)), packages };
  });
}

async function packageConflicts(db: Queryable, workspaceId: string): Promise<Conflict[]> {
  const state = await currentState(db as pg.Pool, workspaceId);
  return findConflicts(state.effective.lower, state.deltas);
}

export async function listPackages(db: Queryable, workspaceId: string) {
  const r = await db.query<{ name: string; version: string; manifest: PackageManifest; status: string; installed_at: Date; updated_at: Date }>(
    'SELECT name, version, manifest, status, installed_at, updated_at FROM installed_packages WHERE workspace_id = $1 ORDER BY position',
    [workspaceId],
  );
  return r.rows.map((p) => ({
    name: p.name,
    version: p.version,
    label: p.manifest.label,
    description: p.manifest.description ?? null,
    status: p.status,
    installedAt: new Date(p.installed_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  }));
}

export function templatesDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.TESSERA_TEMPLATES_DIR ?? path.join(process.cwd(), 'seeds/templates'));
}

export function listTemplates(): { name: string; version: string; label: { en: string; zh: string }; description: string | null }[] {
  const dir = templatesDir();
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) return [];
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(/*turbopackIgnore: true*/ dir, name, 'manifest.json');
      if (!fs.existsSync(/*turbopackIgnore: true*/ file)) return [];
      const m = parseJsonSafe(fs.readFileSync(/*turbopackIgnore: true*/ file, 'utf8')) as PackageManifest;
      return [{ name: m.name, version: m.version, label: m.label, description: m.description ?? null }];
    });
}

/** The schema an item of a layer is written by: a field item is one entry of the object schema's `fields`. */
function itemSchema(kind: ItemKind): object {
  const object = metaSchema('object') as { $id: string };
  if (kind === 'object') return object;
  if (kind === 'field') return { $ref: `${object.$id}#/$defs/field` };
  const doc = documentKind(kind);
  // Items of a kind no longer registered are kept as they are (export leaves them out).
  return doc ? metaSchema(doc.schemaName) : {};
}

/** Items in canonical form, so sets that differ only in order compare (and diff) as equal. */
function canonicalItems(items: Items): Items {
  return new Map([...items].map(([key, value]) => [key, canonicalValue(itemSchema(parseKey(key).kind), value)]));
}

/**
 * The workspace's effective metadata minus stock, as package files (path → text): every package
 * layer and workspace delta folded in. `objects` limits it to those objects. Every file is written
 * by the canonical writer (keys in schema order, sets sorted), so export → install → export gives
 * the same bytes however the database stored the JSON.
 */
export async function exportPackage(
  db: Queryable,
  workspaceId: string,
  opts: { name: string; version: string; label: { en: string; zh: string }; description?: string; objects?: string[] },
): Promise<Record<string, string>> {
  const state = await currentState(db as pg.Pool, workspaceId);
  const stock = canonicalItems(composeLayers([stockLayer()]).items);
  const items = canonicalItems(state.effective.items);
  const wanted = (o: string) => !opts.objects || opts.objects.includes(o);
  const files: Record<string, string> = {};
  const manifest: PackageManifest = {
    name: opts.name,
    version: opts.version,
    label: opts.label,
    ...(opts.description ? { description: opts.description } : {}),
    requires: { tessera: `>=${PLATFORM_VERSION}`, packages: {} },
  };
  files['manifest.json'] = canonicalDocument('manifest', manifest);
  const fieldKeys = (o: string) => [...items.keys()].filter((k) => k.startsWith(`field:${o}.`));
  for (const [key, value] of items) {
    const { kind, object, name } = parseKey(key);
    // Removed stock views and personal views are the workspace's own business, not part of a package.
    if (!wanted(object) || (isObject(value) && (value.$removed || value.owner))) continue;
    if (kind === 'object') {
      if (!stock.has(key)) {
        files[`objects/${object}.json`] = canonicalDocument('object', { ...(value as object), fields: fieldKeys(object).map((k) => items.get(k)) });
        continue;
      }
      const ext: ObjectExtension = { object };
      const added = fieldKeys(object)
        .filter((k) => !stock.has(k))
        .map((k) => items.get(k));
      if (added.length) ext.fields = added as unknown as ObjectExtension['fields'];
      const changes = diffPatch(stock.get(key), value);
      if (Object.keys(changes).length) ext.changes = changes;
      const fieldChanges: Record<string, Json> = {};
      for (const k of fieldKeys(object).filter((x) => stock.has(x))) {
        const p = diffPatch(stock.get(k), items.get(k));
        if (Object.keys(p).length) fieldChanges[parseKey(k).name!] = p;
      }
      if (Object.keys(fieldChanges).length) ext.fieldChanges = fieldChanges as ObjectExtension['fieldChanges'];
      if (ext.fields || ext.changes || ext.fieldChanges) files[`extensions/${object}.json`] = canonicalDocument('extension', ext);
    } else if (kind !== 'field' && !deepEqual(stock.get(key), value)) {
      const doc = documentKind(kind);
      if (doc) files[`${doc.folder}/${object}.${name}.json`] = canonicalDocument(doc.schemaName, value);
    }
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

/** Write exported files (already canonical text, from exportPackage) into a folder. */
export function writePackageDir(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(/*turbopackIgnore: true*/ dir, rel);
    fs.mkdirSync(/*turbopackIgnore: true*/ path.dirname(full), { recursive: true });
    fs.writeFileSync(/*turbopackIgnore: true*/ full, content);
  }
}

/** A new workspace with its own administrator, optionally from a template in seeds/templates. */
export async function createWorkspaceFromTemplate(
  pool: pg.Pool,
  input: { name: string; label: string; template?: string; adminEmail: string; adminName: string; adminPassword: string },
): Promise<{ workspace: WorkspaceRef; install: InstallResult | null }> {
  // Everything that can be checked is checked before anything is created, every problem at once.
  const problems: ErrorDetail[] = [];
  const refuse = (field: string, code: string, key: MessageKey, params: MessageParams = {}) => problems.push(problem(key, params, { field, code }));
  if ((await pool.query('SELECT 1 FROM workspaces WHERE name = $1', [input.name])).rowCount) refuse('name', 'workspace.exists', 'workspace.exists', { name: input.name });
  const email = normaliseEmail(input.adminEmail);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) refuse('adminEmail', 'validation.email', 'workspace.adminEmail');
  else if ((await pool.query('SELECT 1 FROM users WHERE email = $1', [email])).rowCount) refuse('adminEmail', 'admin.emailTaken', 'workspace.emailTaken', { email });
  if (passwordProblem(input.adminPassword)) refuse('adminPassword', 'auth.passwordShort', 'workspace.passwordShort');
  if (!input.adminName.trim()) refuse('adminName', 'validation.required', 'workspace.adminName');
  if (problems.length) throw problemsError(problems, 'workspace.invalid', 'VALIDATION_FAILED');
  const template = input.template ? readPackageDir(path.join(/*turbopackIgnore: true*/ templatesDir(), input.template)) : null;
  const { workspace } = await ensureWorkspace(pool, input.name, input.label);
  try {
    const admin = await createUser(getPrisma(), { workspaceId: workspace.id, email, name: input.adminName.trim(), password: input.adminPassword, isAdmin: true });
    await assignPermissionSets(pool, workspace.id, admin.id, ['admin']);
    const install = template ? await installPackage({ pool, workspace, userId: admin.id }, template) : null;
    return { workspace, install };
  } catch (e) {
    // Leave nothing half-made: the new workspace, its schema and its administrator go.
    await withTransaction(
      pool,
      async (client) => {
        await client.query(`DROP SCHEMA IF EXISTS ${ident(workspace.schema)} CASCADE`);
        for (const table of ['users', 'permission_sets', 'audit_events', 'workspaces']) {
          await client.query(`DELETE FROM ${ident(table)} WHERE ${table === 'workspaces' ? 'id' : 'workspace_id'} = $1`, [workspace.id]);
        }
      },
      { long: true },
    );
    throw e;
  }
}
