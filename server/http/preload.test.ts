// The server loads every route before it listens (preload.ts), with Next's own background preload
// turned off: checked against the real production build, so that a Next upgrade that drops or renames
// the hook fails here instead of quietly bringing back seconds of blocked event loop after start.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import next, { type NextConfig } from "next";
import { expect, it } from "vitest";
import { inCI } from "../test/ci";
import { preloadRoutes } from "./preload";

const root = path.resolve(import.meta.dirname, "../..");
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
// npm test builds before vitest runs; a developer's plain `vitest` may have no build yet.
const built = fs.existsSync(path.join(distDir, "BUILD_ID"));

it("next.config.mjs turns Next's background preload off: the server does it before listening", async () => {
  const nextConfig = ((await import(pathToFileURL(path.join(root, "next.config.mjs")).href)) as { default: NextConfig })
    .default;
  expect(nextConfig.experimental?.preloadEntriesOnStart).toBe(false);
});

it.skipIf(!built && !inCI)(
  "preloadRoutes loads the production build's app routes before it returns",
  async () => {
    const app = next({ dev: false, dir: root, hostname: "localhost", port: 0 });
    await app.prepare();
    const cache = createRequire(import.meta.url).cache;
    const loaded = (route: string) =>
      Object.keys(cache).some((file) => file.startsWith(distDir) && file.endsWith(path.join("server", "app", route)));
    const routes = ["dashboard/page.js", path.join("dossiers", "[id]", "page.js"), "login/page.js"];
    // Nothing loads a page on its own after prepare: the flag holds.
    expect(routes.filter(loaded)).toEqual([]);
    expect(await preloadRoutes(app)).toBe(true);
    expect(routes.filter(loaded)).toEqual(routes);
    await app.close();
  },
  60_000,
);

it("preloadRoutes says so when this Next has no hook to call", async () => {
  expect(await preloadRoutes({ server: { getServer: async () => ({}) } })).toBe(false);
  expect(await preloadRoutes({})).toBe(false);
});
