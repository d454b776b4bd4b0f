/**
 * After `next start` listens, ask once for the pages users open first, so the server loads their
 * code before the first user does (a fresh server's first visit of a route took ~0.7 s more than
 * the next). Signed out, each answer is a redirect to the sign-in page, but the route's modules are
 * loaded by then. Never fails the start: a server that does not answer in time is left alone.
 */
const ROUTES = ['/login', '/', '/o/opportunity', '/o/opportunity/00000000-0000-4000-8000-000000000000'];

/** Request the first routes once `http://localhost:<port>` answers (at most `waitMs`). */
export async function warmUp(port: string, waitMs = 60_000): Promise<void> {
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`${base}/login`, { redirect: 'manual' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  for (const route of ROUTES) await fetch(`${base}${route}`, { redirect: 'manual' }).catch(() => undefined);
}
