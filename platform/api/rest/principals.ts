/** REST `GET /api/v1/principals?kind=role|department|group|user&q=&value=`: names and labels to pick from. */
import type { RecordContext } from '../../data/context';
import { searchPrincipals } from '../../security/principals';
import { json } from './handler';

export async function principalsHandler(req: Request, ctx: RecordContext) {
  const url = new URL(req.url);
  const values = url.searchParams.getAll('value');
  return json(await searchPrincipals(ctx, { kind: url.searchParams.get('kind'), q: url.searchParams.get('q') ?? undefined, values: values.length ? values : undefined }));
}
