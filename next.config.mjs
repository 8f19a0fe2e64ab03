/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Tried for issue 17 (2026-12-04): experimental.inlineCss (Tailwind's 8 kB in the <head>). Mobile
  // Lighthouse, all pages, runs side by side: LCP 0.2–0.8 s lower on four pages of five, TBT higher (the
  // first paint comes before the scripts' long tasks, which then count), scores 87/78/75/75/87 against
  // 88/81/78/77/81: no gain, and the flag is experimental. Not kept.
  // NEXT_DIST_DIR lets two builds live side by side (a developer's and a test run's).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // server/index.ts loads every route before it listens (server/http/preload.ts), not in the background
  // once traffic has started.
  experimental: { preloadEntriesOnStart: false },
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
