/**
 * What a metadata kind declares. One module per kind (`platform/metadata/kinds/<kind>.ts`), listed
 * in `kinds/registry.ts`: loading, layers, packages, the designer and both API routers iterate the
 * registry, so adding a kind is one module plus its schema (see docs/architecture.md, "Adding a
 * metadata kind").
 */
import type { ErrorDetail, MessageParams } from '../../core/errors';
import type { MessageKey } from '../../core/i18n';
import type { Label } from '../../core/i18n';
import type { ChangeActor, CommitResult } from '../changes';
import type { ObjectDefinition, ObjectModel } from '../model';

/** A document of a kind and the file it came from (error details name it). */
export interface KindDoc<D = unknown> {
  file: string;
  def: D;
}

/** Every document kind names its object and itself: its item key is `<kind>:<object>.<name>`. */
export interface NamedDocument {
  object: string;
  name: string;
}

/** Report a problem of a document: the file, the JSON pointer at fault, the message's catalog key and values (and the code, when one code has several sentences). */
export type ReportError = (file: string, pointer: string, key: MessageKey | KindMessageKey, params?: MessageParams, code?: string) => void;

/** A key of a kind's own `messages` (stock kinds keep theirs in core/messages.metadata.ts). */
export type KindMessageKey = string & { readonly kindMessage?: never };

/** What a kind's build sees: the objects (built first), the kinds built before it, and where to report problems. */
export interface BuildContext {
  objects: Map<string, ObjectModel>;
  /** The object documents by name, with their files (for pointers into an object's own file). */
  defs: Map<string, KindDoc<ObjectDefinition>>;
  /** Documents of the kinds built so far, by kind name, then by object (kinds build by `buildOrder`). */
  built: Map<string, Map<string, unknown[]>>;
  /** Objects whose own file is invalid: their dependants are not checked (they would only echo that error). */
  unusable: Set<string>;
  /** Archived objects: documents of theirs are kept, unchecked, until the object is restored. */
  archived: Set<string>;
  /** True when a document's object is missing for a reason already reported or intended (invalid or archived). */
  isGone(object: string): boolean;
  err: ReportError;
  /** Every problem found so far (the model is built only when it stays empty). */
  errors: ErrorDetail[];
}

/** The verbs the designer, REST (`/api/v1/metadata/<folder>/<object>/<name>`) and tRPC offer for a kind. */
export interface KindVerbs<D> {
  /** Create or replace a document; `mode` 'create' refuses an existing one, 'update' a missing one. */
  save(actor: ChangeActor, doc: D, mode?: 'create' | 'update'): Promise<CommitResult>;
  /** Remove a document (absent: the kind cannot be deleted, only replaced). */
  remove?(actor: ChangeActor, object: string, name: string): Promise<CommitResult>;
}

/** A kind stored one document per item (`<folder>/<object>.<name>.json`), attached to an object. */
export interface DocumentKind<D extends NamedDocument = NamedDocument> {
  /** Item kind, the first part of the key: `layout` gives `layout:<object>.<name>`. */
  name: string;
  /** Folder in metadata/ and in packages, the REST segment and the key of the documents in MetadataDocuments. */
  folder: string;
  /** Name of the JSON Schema (`metadata/schema/<schemaName>.schema.json`), for ajv and the canonical writer. */
  schemaName: string;
  schema: object;
  /** What an admin calls it (revision summaries, messages). */
  label: Label;
  /** The item key of a document. */
  key(doc: D): string;
  /** Schema errors left to the cross-checks, which give more precise pointers (a list view's filter). */
  leaveToCrossCheck?(pointer: string): boolean;
  /**
   * When the kind builds, relative to the others and to the object logic: layouts 10, views 20,
   * roll-ups 25, processes 30, form rules and formulas 40, validation rules 50, approvals 60.
   */
  buildOrder: number;
  /** Cross-check the documents against the objects and the kinds built before (every error, with pointers), attach what the runtime needs to the object models, and return the documents kept, by object. */
  build(docs: KindDoc<D>[], ctx: BuildContext): Map<string, D[]>;
  verbs: KindVerbs<D>;
  /** The sentences (English and Chinese) of the problems `build` reports that the stock catalog lacks, by key. */
  messages?: Record<string, Label>;
  /** What a REST body becomes before it is saved (the path gives object and name): drops what that channel may not set. */
  fromRest?(doc: D): D;
}
