/**
 * What the reverse proxies in front of the app tell us, and only when we were told to trust them.
 *
 * A Next.js route handler never sees the TCP peer's address: `next start` copies the socket address
 * into `X-Forwarded-For` only when the client did not send that header itself, so without a proxy
 * that overwrites or appends to it the header is whatever the client chose. `TESSERA_TRUSTED_PROXIES`
 * is therefore a count of proxy hops (not a list of addresses, which could not be checked against a
 * peer we cannot see): with N hops, the client is the N-th address from the right of
 * `X-Forwarded-For` (each trusted proxy appends the address it received the request from).
 */

/** The number of trusted proxy hops (0 when unset or invalid: forwarded headers are ignored). */
function trustedProxyHops(): number {
  const raw = process.env.TESSERA_TRUSTED_PROXIES?.trim();
  if (!raw || !/^\d{1,2}$/.test(raw)) return 0;
  return Number(raw);
}

function listHeader(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The client's address as the trusted proxies saw it; undefined without trusted proxies or a usable header. */
export function clientIp(headers: Headers): string | undefined {
  const hops = trustedProxyHops();
  if (hops === 0) return undefined;
  const chain = listHeader(headers.get('x-forwarded-for'));
  // Fewer entries than hops: the request did not come through every proxy; take the leftmost we have.
  const ip = chain.length >= hops ? chain[chain.length - hops] : chain[0];
  // An address, not whatever text a misconfigured proxy passed on (bounded for the log and the throttle key).
  return ip && /^[0-9a-fA-F:.[\]%a-zA-Z-]{2,64}$/.test(ip) ? ip.toLowerCase() : undefined;
}

/** The host the browser addressed: `X-Forwarded-Host` behind trusted proxies, else `Host` (else the URL's, for requests built in code). */
export function requestHost(req: Request): string | undefined {
  const forwarded = trustedProxyHops() > 0 ? listHeader(req.headers.get('x-forwarded-host'))[0] : undefined;
  const host = forwarded ?? req.headers.get('host') ?? (URL.canParse(req.url) ? new URL(req.url).host : undefined);
  return host?.trim().toLowerCase() || undefined;
}
