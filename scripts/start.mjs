#!/usr/bin/env node
// npm start: installs what is missing, migrates, seeds the demo data when the database is empty,
// builds when stale, then serves Relais (Next.js + Socket.IO) on http://localhost:3000 (or PORT).
import { spawn } from "node:child_process";
import { ensureBuild, ensureDependencies, ensurePrismaClients, localSecret, root, run, step, tsxArgs } from "./lib.mjs";

const dev = process.argv.includes("--dev");
ensureDependencies();
await ensurePrismaClients();

const port = process.env.PORT ?? "3000";
const env = {
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: dev ? "development" : "production",
  PORT: port,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./data/relais.db",
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret(),
  // Local default: demo sign-in on, unless real email is configured (a real deployment).
  DEMO_LOGIN: process.env.DEMO_LOGIN ?? (process.env.RESEND_API_KEY ? "0" : "1"),
};
Object.assign(process.env, env);

step(`Migrating the database (${env.DATABASE_URL.replace(/\/\/[^@]*@/, "//…@")})`);
const { migrate } = await import("./db.mjs");
const applied = await migrate(env.DATABASE_URL);
process.stdout.write(applied.length ? `applied: ${applied.join(", ")}\n` : "up to date\n");

step("Demo data");
run(process.execPath, tsxArgs("prisma/seed.ts"));

if (!dev) ensureBuild();

step(`Starting Relais on ${env.NEXTAUTH_URL}`);
const server = spawn(process.execPath, tsxArgs("server/index.ts"), { cwd: root, stdio: "inherit", env: process.env });
// Ctrl-C reaches the server too (same process group): let it close sockets, jobs and the database.
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    if (server.exitCode === null) server.kill(sig);
  });
}
server.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1)));
