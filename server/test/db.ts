// A fresh, migrated database per test file, on the provider the vitest project names
// (RELAIS_TEST_PROVIDER): a temporary SQLite file, or a new PostgreSQL database dropped afterwards.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "../../scripts/db.mjs";
import { closeDb, db, dbReady } from "../db";
import { resetEnvForTests } from "../env";

export type TestDatabase = { url: string; provider: "sqlite" | "postgres"; drop: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const provider = process.env.RELAIS_TEST_PROVIDER === "postgres" ? "postgres" : "sqlite";
  const name = `relais_t_${crypto.randomBytes(6).toString("hex")}`;
  let url: string;
  let drop: () => Promise<void>;
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-test-"));
    url = `file:${path.join(dir, `${name}.db`)}`;
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    await adminQuery(admin, `CREATE DATABASE ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  await migrate(url);
  return { url, provider, drop };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Points the app's db() at a fresh database for this test file; returns the cleanup. */
export async function useTestDatabase(
  extraEnv: Record<string, string> = {},
): Promise<TestDatabase & { cleanup: () => Promise<void> }> {
  const t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.NEXTAUTH_SECRET = TEST_SECRET;
  Object.assign(process.env, extraEnv);
  resetEnvForTests();
  await closeDb();
  db();
  await dbReady();
  return {
    ...t,
    cleanup: async () => {
      await closeDb();
      await t.drop();
    },
  };
}

export const TEST_SECRET = "relais-test-secret-0123456789abcdef";
