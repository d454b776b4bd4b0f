/** Lead conversion for the app's screens: the dialog's starting point, and the conversion itself (the same service as REST). */
import { z } from 'zod';
import { convertRecord } from '../../process/conversion/service';
import { conversionPreview } from '../../process/conversion/suggest';
import { protectedProcedure, router } from './init';

const objectName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const recordId = z.string().max(64);

export const conversionRouter = router({
  preview: protectedProcedure.input(z.object({ object: objectName, id: recordId })).query(({ ctx, input }) => conversionPreview(ctx.rc, input.object, input.id)),
  // The body is checked by the service (pointers into it), as over REST.
  convert: protectedProcedure
    .input(z.object({ object: objectName, id: recordId, body: z.unknown() }))
    .mutation(({ ctx, input }) => convertRecord(ctx.rc, input.object, input.id, input.body)),
});
