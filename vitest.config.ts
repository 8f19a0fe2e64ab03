// Unit tests run once; integration tests (*.int.test.ts) run twice, against SQLite and against the
// local PostgreSQL. Without PostgreSQL the second run is skipped with a warning, except with CI=true.
import os from "node:os";
import pg from "pg";
import type { TestProjectInlineConfiguration, ViteUserConfig } from "vitest/config";
import { inCI } from "./server/test/ci.ts";

const PG_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export default async function config(): Promise<ViteUserConfig> {
  const withPostgres = inCI || (await postgresReachable());
  if (!withPostgres)
    process.stderr.write(`\n⚠ PostgreSQL not reachable at ${PG_URL}: integration tests run on SQLite only.\n\n`);
  const alias = { "@": import.meta.dirname };
  const integration = (name: string, provider: string): TestProjectInlineConfiguration => ({
    resolve: { alias },
    test: {
      name,
      include: ["server/**/*.int.test.ts", "prisma/**/*.int.test.ts"],
      // X4: tests send fast as one user; the rate-limit tests set the factor back to 1.
      env: {
        RELAIS_TEST_PROVIDER: provider,
        TEST_POSTGRES_URL: PG_URL,
        NODE_ENV: "test",
        LOG_LEVEL: "warn",
        RATE_LIMIT_FACTOR: "1000",
      },
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  });
  return {
    test: {
      // Vitest's default is one worker per core less one: a single worker on these 2-core machines. The
      // integration files wait on PostgreSQL, sockets and timers most of the time and each has its own
      // database, so three at once use the cores: the suite went from about 400 to 245 s.
      maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || Math.max(3, os.availableParallelism() - 1),
      projects: [
        {
          resolve: { alias },
          test: {
            name: "unit",
            include: ["server/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
            exclude: ["**/*.int.test.ts", "node_modules/**"],
            env: { NODE_ENV: "test" },
          },
        },
        integration("sqlite", "sqlite"),
        ...(withPostgres ? [integration("postgres", "postgres")] : []),
      ],
    },
  };
}
