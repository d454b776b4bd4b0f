/**
 * Queues (`queue:<object>.<name>`, metadata/queues, schema queue.schema.json): records of one object
 * waiting with no owner for the queue's members to take them. Members name roles, departments,
 * groups (API names) and users (e-mail addresses): workspace data, not metadata, so an unknown name
 * grants nothing at run time rather than failing the build. The runtime
 * (platform/automation/assignment) reads them from `meta.documents.get('queue')`.
 */
import queueSchema from '../../../metadata/schema/queue.schema.json' with { type: 'json' };
import { documentNamed, removeDocument, saveDocument } from '../documents';
import type { QueueDefinition } from '../generated/queue';
import type { BuildContext, DocumentKind, KindDoc } from './types';

function build(docs: KindDoc<QueueDefinition>[], { objects, isGone, err }: BuildContext): Map<string, QueueDefinition[]> {
  const byObject = new Map<string, QueueDefinition[]>();
  const names = new Set<string>();
  for (const { file, def } of docs) {
    // Names are unique in the workspace: REST and the screens name a queue alone (/api/v1/queues/{queue}).
    if (names.has(def.name)) err(file, '/name', 'queue.nameTwice', { queue: def.name });
    names.add(def.name);
    if (!objects.get(def.object)) {
      if (!isGone(def.object)) err(file, '/object', 'queue.object', { object: def.object });
      continue;
    }
    const seen = new Set<string>();
    def.members.forEach((m, i) => {
      const key = `${m.type}:${m.name}`;
      if (seen.has(key)) err(file, `/members/${i}`, 'queue.memberTwice', { member: m.name });
      seen.add(key);
    });
    byObject.set(def.object, [...(byObject.get(def.object) ?? []), def]);
  }
  for (const list of byObject.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return byObject;
}

export const queueKind: DocumentKind<QueueDefinition> = {
  name: 'queue',
  folder: 'queues',
  schemaName: 'queue',
  schema: queueSchema,
  label: { en: 'queue', zh: '队列' },
  key: (d) => `queue:${d.object}.${d.name}`,
  buildOrder: 70,
  build,
  verbs: {
    save: (actor, queue, mode) => saveDocument(actor, queueKind.key(queue), queue, `Saved queue ${queue.object}.${queue.name}`, mode),
    remove: (actor, object, name) => removeDocument(actor, `queue:${object}.${name}`, `Deleted queue ${object}.${name}`, documentNamed(queueKind.label, object, name)),
  },
};
