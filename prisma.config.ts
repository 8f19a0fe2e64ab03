// Prisma CLI configuration. DATABASE_URL picks the provider folder (prisma/sqlite or prisma/postgres):
// one schema cannot serve two providers. Scripts always set DATABASE_URL before a prisma command
// (Prisma reads no .env once this file exists). Prisma 7: the URL lives here, not in the schema; the
// application's client gets its driver adapter in server/db.ts. The CLI needs no engine for generate
// and `migrate diff` when PRISMA_SCHEMA_ENGINE_BINARY points at an existing file (scripts/db.mjs).
import path from "node:path";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/relais.db";
const provider = /^postgres(ql)?:/.test(url) ? "postgres" : "sqlite";

export default defineConfig({
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  datasource: { url },
});
