// Prisma CLI configuration. DATABASE_URL picks the provider folder (prisma/sqlite or prisma/postgres):
// one schema cannot serve two providers. Scripts always set DATABASE_URL before a prisma command
// (Prisma reads no .env once this file exists).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:./data/relais.db";
const provider = /^postgres(ql)?:/.test(url) ? "postgres" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    return provider === "postgres" ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
