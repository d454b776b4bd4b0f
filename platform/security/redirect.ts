/**
 * Where to send the browser after sign-in. `?next=` comes from a link anyone can craft, so only a
 * path on this site is accepted. Checking the text is not enough: browsers read `/\evil.example`,
 * `/\t/evil.example` and `//evil.example` as another host, so the value is resolved as a browser
 * would and kept only when it stays on our origin; the result is the resolved path, never the raw text.
 */
const BASE = 'http://tessera.invalid';

/** A same-origin path (with query and fragment) for `next`, or '/'. */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser would take as a host.
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}
