#!/usr/bin/env node
// The server Playwright starts: a fresh SQLite database with the demo data, the production build,
// demo sign-in, local mailbox. It runs the server as a child and stops it with itself.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migrate, sqliteFile } from "./db.mjs";
import { root, run, tsxArgs } from "./lib.mjs";

const port = process.env.E2E_PORT ?? "3100";
const url = process.env.E2E_DATABASE_URL ?? `file:./data/e2e-${port}.db`;
const file = sqliteFile(url);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
// Each run keeps its uploads apart and starts without any.
const uploads = path.join(root, "data", `e2e-${port}-uploads`);
fs.rmSync(uploads, { recursive: true, force: true });
Object.assign(process.env, {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: port,
  HOSTNAME: "127.0.0.1",
  DATABASE_URL: url,
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: "relais-e2e-secret-0123456789abcdef",
  DEMO_LOGIN: "1",
  OUTBOX_INTERVAL_MS: "200",
  // X4: the whole suite signs in and connects from one address within minutes; limits are tested in vitest.
  RATE_LIMIT_FACTOR: process.env.RATE_LIMIT_FACTOR ?? "100",
  UPLOAD_DIR: uploads,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
delete process.env.RESEND_API_KEY;
await migrate(url);
run(process.execPath, tsxArgs("prisma/seed.ts"));
fs.writeFileSync(path.join(root, "data", `e2e-${port}.json`), JSON.stringify({ databaseUrl: url, file }));
const server = spawn(process.execPath, tsxArgs("server/index.ts"), { cwd: root, stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => server.kill("SIGTERM"));
server.on("exit", (code) => process.exit(code ?? 0));
