/**
 * Effective metadata per workspace: stock files → installed packages → workspace deltas
 * (platform/metadata/layers.ts). Cached per workspace and keyed by the workspace's metadata
 * revision, which every change bumps in the transaction that makes it, so a change is live for
 * every user and channel on their next request. The cache is bounded.
 */
import type { ErrorDetail } from '../core/errors';
import { AppError } from '../core/errors';
import type { WorkspaceRef } from '../data/context';
import type { Queryable } from '../db/pool';
import { buildMetadata, documentsOf, emptyDocuments } from './build';
import { documentKinds } from './kinds/registry';
import { composeLayers, deltaLayer, toDocuments, toEntries, type Delta, type Items, type Layer, type LayerEntry } from './layers';
import { loadMetadata, readMetadataDocuments, stockMetadataDir } from './load';
import type { MetadataModel } from './model';
import type { Json } from './patch';
import { validateMetadata } from './schemas';

interface StockCache { dir: string; model: MetadataModel; layer: Layer }
const globalCache = globalThis as unknown as {
  __tesseraStock?: StockCache;
  __tesseraEffective?: Map<string, { revision: number; stock: StockCache; model: MetadataModel }>;
};
const MAX_CACHED_WORKSPACES = 64;

function stock(): StockCache {
  const dir = stockMetadataDir();
  if (!globalCache.__tesseraStock || globalCache.__tesseraStock.dir !== dir) {
    const model = loadMetadata(dir);
    const { docs } = readMetadataDocuments(dir);
    const layer: Layer = {
      source: 'stock',
      entries: toEntries({
        objects: docs.objects.map((d) => d.def),
        ...Object.fromEntries(documentKinds().map((k) => [k.folder, documentsOf(docs, k.folder).map((d) => d.def)])),
      }),
    };
    globalCache.__tesseraStock = { dir, model, layer };
  }
  return globalCache.__tesseraStock;
}

/** The stock metadata shipped in metadata/ (loaded and validated once per process). */
export function stockMetadata(): MetadataModel {
  return stock().model;
}

export function stockLayer(): Layer {
  return stock().layer;
}

export interface PackageRow {
  id: string;
  name: string;
  version: string;
  manifest: Json;
  entries: LayerEntry[];
  status: 'installed' | 'uninstalled';
  position: number;
}

/**
 * The layer of a package. An uninstalled package leaves only the objects and fields it added,
 * archived (hidden, data kept), until an admin purges them.
 */
function packageLayer(p: Pick<PackageRow, 'name' | 'entries' | 'status'>): Layer {
  const source = `package:${p.name}`;
  if (p.status === 'installed') return { source, entries: p.entries };
  const entries = p.entries
    .filter((e) => e.mode === 'set' && (e.key.startsWith('object:') || e.key.startsWith('field:')))
    .map((e) => ({ ...e, value: { ...(e.value as object), archived: true } as Json }));
  return { source, entries };
}

export interface WorkspaceLayers {
  revision: number;
  packages: PackageRow[];
  deltas: Delta[];
}

export async function readWorkspaceLayers(db: Queryable, workspaceId: string): Promise<WorkspaceLayers> {
  // Sequential: `db` may be one client inside a transaction.
  const ws = await db.query<{ metadata_revision: number }>('SELECT metadata_revision FROM workspaces WHERE id = $1', [workspaceId]);
  const packages = await db.query<PackageRow>('SELECT id, name, version, manifest, entries, status, position FROM installed_packages WHERE workspace_id = $1 ORDER BY position', [workspaceId]);
  const deltas = await db.query<Delta>('SELECT key, added, patch, base FROM metadata_deltas WHERE workspace_id = $1 ORDER BY seq', [workspaceId]);
  return { revision: ws.rows[0]?.metadata_revision ?? 0, packages: packages.rows, deltas: deltas.rows };
}

export interface Effective {
  model: MetadataModel;
  /** Items of the stock and package layers (what workspace deltas apply to). */
  lower: Items;
  /** Items with the workspace deltas applied. */
  items: Items;
}

/** Validate composed documents with the meta-schemas, then build (all problems at once). */
function buildFromItems(items: Items, extraErrors: ErrorDetail[] = []): MetadataModel {
  const { docs, errors: orphans } = toDocuments(items);
  const errors = [...extraErrors, ...orphans];
  const valid = emptyDocuments();
  for (const d of docs.objects) {
    const e = validateMetadata('object', d.def, d.file);
    if (e.length) { errors.push(...e); valid.unusable!.push(d.def.name); } else valid.objects.push(d);
  }
  for (const kind of documentKinds()) {
    for (const d of documentsOf(docs, kind.folder)) {
      const e = validateMetadata(kind.schemaName, d.def, d.file).filter((x) => !(kind.leaveToCrossCheck && x.pointer && kind.leaveToCrossCheck(x.pointer)));
      if (e.length) errors.push(...e); else documentsOf(valid, kind.folder).push(d);
    }
  }
  return buildMetadata(valid, errors);
}

/** Compose and build a workspace's effective metadata from its layers. Throws METADATA_INVALID. */
export function effectiveMetadata(packages: Pick<PackageRow, 'name' | 'entries' | 'status'>[], deltas: Delta[]): Effective {
  const lowerLayers = [stockLayer(), ...packages.map(packageLayer)];
  const lowerComposed = composeLayers(lowerLayers);
  const composed = composeLayers([...lowerLayers, deltaLayer(deltas)]);
  if (!packages.length && !deltas.length) return { model: stockMetadata(), lower: lowerComposed.items, items: composed.items };
  return { model: buildFromItems(composed.items, composed.errors), lower: lowerComposed.items, items: composed.items };
}

function cache() {
  globalCache.__tesseraEffective ??= new Map();
  return globalCache.__tesseraEffective;
}

/**
 * Effective metadata of a workspace (cached per metadata revision). `knownRevision` is the revision
 * read with the caller's session or key, which saves a query per request.
 */
export async function getMetadata(workspace: WorkspaceRef, db: Queryable, knownRevision?: number): Promise<MetadataModel> {
  const revision = knownRevision ?? (await db.query<{ metadata_revision: number }>('SELECT metadata_revision FROM workspaces WHERE id = $1', [workspace.id])).rows[0]?.metadata_revision ?? 0;
  if (revision === 0) return stockMetadata();
  const hit = cache().get(workspace.id);
  if (hit && hit.revision === revision && hit.stock === stock()) return hit.model;
  const layers = await readWorkspaceLayers(db, workspace.id);
  let model: MetadataModel;
  try {
    model = effectiveMetadata(layers.packages, layers.deltas).model;
  } catch (e) {
    // A stock upgrade that breaks a workspace's customisations must say which workspace.
    // The workspace goes before the message for logs; the API words the message from its key, without it.
    if (e instanceof AppError) throw new AppError(e.code, `Workspace "${workspace.name}": ${e.message}`, e.details, { key: e.key, params: e.params });
    throw e;
  }
  const c = cache();
  c.delete(workspace.id);
  c.set(workspace.id, { revision: layers.revision, stock: stock(), model });
  while (c.size > MAX_CACHED_WORKSPACES) c.delete(c.keys().next().value!);
  return model;
}
