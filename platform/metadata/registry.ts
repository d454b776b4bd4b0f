/**
 * Effective metadata per workspace. Today every workspace sees the stock files; the designer
 * (packages and workspace deltas) layers onto this. Cached and keyed by revision, bounded.
 */
import type { WorkspaceRef } from '../data/context';
import { loadMetadata, stockMetadataDir } from './load';
import type { MetadataModel } from './model';

const globalCache = globalThis as unknown as { __tesseraStock?: { dir: string; model: MetadataModel } };

/** The stock metadata shipped in metadata/ (loaded and validated once per process). */
export function stockMetadata(): MetadataModel {
  const dir = stockMetadataDir();
  if (!globalCache.__tesseraStock || globalCache.__tesseraStock.dir !== dir) {
    globalCache.__tesseraStock = { dir, model: loadMetadata(dir) };
  }
  return globalCache.__tesseraStock.model;
}

/** Effective metadata of a workspace. */
export async function getMetadata(_workspace: WorkspaceRef): Promise<MetadataModel> {
  return stockMetadata();
}
