/** Server-side: note that the signed-in user opened a record page (their "Recently viewed"). */
import { recordContext } from '@/platform/api/context';
import { recordView } from '@/platform/navigation/recent';
import { currentPrincipal } from './session';

/** Never fails the page: a view that cannot be recorded (a bad id, a record they may not read) is simply not listed. */
export async function noteRecordView(object: string, id: string): Promise<void> {
  try {
    const principal = await currentPrincipal();
    if (principal) await recordView(await recordContext(principal), object, id);
  } catch {
    // The page shows its own error for an unknown object or record.
  }
}
