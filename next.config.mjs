/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // NEXT_DIST_DIR lets two builds live side by side (a developer's and a test run's).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and Node-only packages stay outside the bundle; the custom server loads the same copies.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "socket.io",
    "redis",
    "@socket.io/redis-adapter",
    // pdfkit reads its font metrics from its own folder at run time
    "pdfkit",
  ],
};

export default nextConfig;
