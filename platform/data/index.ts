/** The record service: every channel (tRPC, REST, imports, automation) reads and writes through here. */
export { objectOf, type RecordContext, type UserRef, type WorkspaceRef } from './context';
export { compileList, getRecord, listDeleted, listRecords, recordPermissions, type ListOptions, type ListResult } from './read';
export { type RecordData } from './values';
export { createRecord, deleteRecord, restoreRecord, updateRecord, type UpdateOptions } from './write';
