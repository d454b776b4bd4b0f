/**
 * The web-form write step: a submission's record gets the form's default owner when nothing before
 * it (the caller, or assignment, which runs earlier in the same phase) named one. Only the writes
 * the web-form service marks (`withDefaultOwner`) are touched.
 */
import type { RecordContext } from '../data/context';
import type { WriteStep } from '../data/steps';

const defaults = new WeakMap<RecordContext, string>();

/** Mark a context's creates to fall back on `owner` (a user id) when no owner is set. */
export function withDefaultOwner(ctx: RecordContext, owner: string | null): RecordContext {
  if (owner) defaults.set(ctx, owner);
  return ctx;
}

export const defaultOwnerStep: WriteStep = {
  name: 'webforms.defaultOwner',
  phase: 'beforeValidation',
  modes: ['create'],
  run(ctx, _client, write) {
    const owner = defaults.get(ctx);
    if (!owner || write.bulk || write.input.owner !== undefined) return;
    write.input.owner = owner;
    write.record.owner = owner;
  },
};
