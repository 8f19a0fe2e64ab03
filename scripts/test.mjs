#!/usr/bin/env node
// npm test: installs what is missing (dependencies, Debian's chromium when root), then type checks,
// lints, runs unit and integration tests (vitest: SQLite and PostgreSQL), builds, and runs the
// Playwright suite in real Chromium. Ends with one line: "relais: N passed, N failed, N skipped".
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureBuild, ensureDependencies, ensurePrismaClients, root, runAsync, step } from "./lib.mjs";

const started = Date.now();
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function ensureChromium() {
  if (fs.existsSync(chromium)) return;
  if (process.getuid?.() === 0) {
    step("Installing Debian's chromium (apt-get)");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return;
  }
  console.error(
    `\nChromium is missing at ${chromium}. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH, then run npm test again.`,
  );
  process.exit(1);
}

ensureDependencies();
ensureChromium();
await ensurePrismaClients();
fs.mkdirSync(path.join(root, "test-results"), { recursive: true });

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const results = [];
async function phase(name, cmd, args, env = {}) {
  step(name);
  const t0 = Date.now();
  const code = await runAsync(cmd, args, { env: { NEXT_TELEMETRY_DISABLED: "1", ...env } });
  results.push({ name, ok: code === 0, seconds: Math.round((Date.now() - t0) / 1000) });
  return code === 0;
}

await phase("Type check (tsc)", bin("tsc"), ["--noEmit"]);
await phase("Lint (eslint)", bin("eslint"), ["--max-warnings", "0", "."]);
await phase("Format (prettier --check)", bin("prettier"), ["--check", "--log-level", "warn", "."]);
const vitestJson = path.join(root, "test-results", "vitest.json");
fs.rmSync(vitestJson, { force: true });
await phase("Unit and integration tests (vitest: unit, SQLite, PostgreSQL)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);

step("Build (next build, when stale)");
let built = true;
try {
  ensureBuild();
} catch {
  built = false;
}
results.push({ name: "Build", ok: built, seconds: 0 });
const e2eJson = path.join(root, "test-results", `e2e-${process.env.E2E_PORT ?? 3100}.json`);
fs.rmSync(e2eJson, { force: true });
if (built)
  await phase("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"], { CHROMIUM_PATH: chromium });

// Counts from both runners' JSON reports.
let passed = 0,
  failed = 0,
  skipped = 0;
if (fs.existsSync(vitestJson)) {
  const v = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (fs.existsSync(e2eJson)) {
  const p = JSON.parse(fs.readFileSync(e2eJson, "utf8")).stats ?? {};
  passed += (p.expected ?? 0) + (p.flaky ?? 0);
  failed += p.unexpected ?? 0;
  skipped += p.skipped ?? 0;
}
const failedPhases = results.filter((r) => !r.ok);
console.log("\nSummary:");
for (const r of results) console.log(`  ${r.ok ? "✓" : "✗"} ${r.name}${r.seconds ? ` (${r.seconds} s)` : ""}`);
console.log(`  total ${Math.round((Date.now() - started) / 1000)} s`);
if (failedPhases.length && failed === 0) failed = failedPhases.length;
console.log(`relais: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedPhases.length ? 1 : 0);
