#!/usr/bin/env node
// npm test: installs what is missing (dependencies, Debian's chromium-headless-shell when root), then
// type checks, lints and checks the format at once, builds, runs unit and integration tests (vitest:
// SQLite and PostgreSQL) beside the bench harness's smoke test, and runs the Playwright suite in real
// Chromium. Ends with one line: "relais: N passed, N failed, N skipped".
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CHROMIUM_SHELL, suiteChromium } from "./chromium.mjs";
import { ensureBuild, ensureDependencies, ensurePrismaClients, root, runAsync, step } from "./lib.mjs";

const started = Date.now();
let chromium = suiteChromium();

function ensureChromium() {
  if (fs.existsSync(chromium)) return;
  // Neither browser installed: apt installs the headless shell. A missing CHROMIUM_PATH is the caller's to fix.
  if (!process.env.CHROMIUM_PATH && process.getuid?.() === 0) {
    step("Installing Debian's chromium-headless-shell (apt-get)");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium-headless-shell"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    chromium = CHROMIUM_SHELL;
    return;
  }
  console.error(
    `\nChromium is missing at ${chromium}. Install it (Debian: sudo apt-get install chromium-headless-shell) or set CHROMIUM_PATH, then run npm test again.`,
  );
  process.exit(1);
}

ensureDependencies();
ensureChromium();
await ensurePrismaClients();
fs.mkdirSync(path.join(root, "test-results"), { recursive: true });

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const results = [];
/** Runs one phase; `quiet` keeps its output until it ends, so that phases run at once do not interleave. */
async function phase(name, cmd, args, { env = {}, quiet = false } = {}) {
  if (!quiet) step(name);
  const t0 = Date.now();
  let output = "";
  const code = await runAsync(cmd, args, {
    env: { NEXT_TELEMETRY_DISABLED: "1", ...env },
    ...(quiet ? { stdio: ["ignore", "pipe", "pipe"], onOutput: (d) => (output += d) } : {}),
  });
  if (quiet) {
    step(name);
    process.stdout.write(output);
  }
  results.push({ name, ok: code === 0, seconds: Math.round((Date.now() - t0) / 1000) });
  return code === 0;
}

// The static checks are one process each on one core: they run at once.
await Promise.all([
  phase("Type check (tsc)", bin("tsc"), ["--noEmit"], { quiet: true }),
  phase("Lint (eslint)", bin("eslint"), ["--max-warnings", "0", "."], { quiet: true }),
  phase("Format (prettier --check)", bin("prettier"), ["--check", "--log-level", "warn", "."], { quiet: true }),
]);

step("Build (next build, when stale)");
let built = true;
try {
  ensureBuild();
} catch {
  built = false;
}
results.push({ name: "Build", ok: built, seconds: 0 });

// vitest and the bench harness's smoke test at once: both wait on sockets, PostgreSQL and their own
// servers much of the time (the smoke alone leaves the cores 60 % idle). The smoke needs the build.
const vitestJson = path.join(root, "test-results", "vitest.json");
const benchJson = path.join(root, "test-results", "e2e-bench.json");
const e2eJson = path.join(root, "test-results", `e2e-${process.env.E2E_PORT ?? 3100}.json`);
for (const f of [vitestJson, benchJson, e2eJson]) fs.rmSync(f, { force: true });
await Promise.all([
  phase("Unit and integration tests (vitest: unit, SQLite, PostgreSQL)", bin("vitest"), [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestJson}`,
  ]),
  built &&
    phase(
      "Bench harness smoke test (Playwright, e2e/bench)",
      bin("playwright"),
      ["test", "-c", "playwright.bench.config.ts"],
      { quiet: true },
    ),
]);
if (built)
  await phase("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"], {
    env: { CHROMIUM_PATH: chromium },
  });

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
for (const file of [benchJson, e2eJson]) {
  if (!fs.existsSync(file)) continue;
  const p = JSON.parse(fs.readFileSync(file, "utf8")).stats ?? {};
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
