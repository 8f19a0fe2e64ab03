// `prisma migrate diff --script` between two datamodels, offline. Prisma 7's CLI runs migrate commands
// on its native schema engine, which it downloads (binaries.prisma.sh is out of reach here; with
// PRISMA_SCHEMA_ENGINE_BINARY=/bin/true it prints nothing and exits 0, an empty diff that is a lie).
// Prisma 6.19 ran the same engine compiled to WebAssembly through the driver adapter; Prisma 7 ships
// it as @prisma/schema-engine-wasm (pinned to the engines version of the prisma package), which this
// loads the way Prisma 6.19's CLI did.
/* global WebAssembly */
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

let engineClass;
async function schemaEngine() {
  if (engineClass) return engineClass;
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(gluePath);
  const module = new WebAssembly.Module(fs.readFileSync(gluePath.replace(/\.js$/, ".wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  engineClass = glue.SchemaEngine;
  return engineClass;
}

/** The adapter factory the engine talks through (a diff of two datamodels runs no query), and its end. */
async function adapterFactory(provider, url) {
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return { factory: new PrismaBetterSqlite3({ url: ":memory:" }), close: async () => {} };
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { default: pg } = await import("pg");
  // Our own pool, ended afterwards: the engine connects the adapter, whose own pool would keep the
  // process alive for its idle timeout.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return { factory: new PrismaPg(pool), close: () => pool.end() };
}

/**
 * The SQL that takes a database from the `from` schema file (null: empty) to the `to` schema file.
 * provider: "sqlite" | "postgres".
 */
export async function diffScript(provider, from, to, url) {
  const SchemaEngine = await schemaEngine();
  // @prisma/driver-adapter-utils as the adapters themselves resolve it (same version).
  const adapterRequire = createRequire(require.resolve("@prisma/adapter-better-sqlite3"));
  const { bindMigrationAwareSqlAdapterFactory } = await import(adapterRequire.resolve("@prisma/driver-adapter-utils"));
  const adapter = await adapterFactory(provider, url);
  const factory = bindMigrationAwareSqlAdapterFactory(adapter.factory);
  // Schemas kept beside migrations written before Prisma 7 name the URL in the datasource, which
  // Prisma 7 refuses (P1012): it does not change the models.
  const file = (p) => ({
    path: p,
    content: fs.readFileSync(p, "utf8").replace(/^\s*url\s*=\s*env\("DATABASE_URL"\)\s*\n/m, ""),
  });
  const target = (p) => (p ? { tag: "schemaDatamodel", files: [file(p)] } : { tag: "empty" });
  const engine = await SchemaEngine.new({ datamodels: [[to, file(to).content]] }, () => {}, factory);
  try {
    const result = await engine.diff({
      from: target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    // The CLI prints it with a newline after.
    return `${result.stdout ?? ""}\n`;
  } finally {
    engine.free();
    await adapter.close();
  }
}
