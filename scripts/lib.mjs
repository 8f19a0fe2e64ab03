// Shared steps of npm start and npm test. Plain Node: it runs before dependencies are installed.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addCompileHints } from "./compile-hints.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export function step(msg) {
  process.stdout.write(`\n▶ ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { cwd: root, stdio: "inherit", ...opts, env: { ...process.env, ...opts.env } });
}

/** Runs a command, resolving with its exit code (never throws). */
export function runAsync(cmd, args, { onOutput, ...opts } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", ...opts, env: { ...process.env, ...opts.env } });
    // With piped output: handed over as it comes (both streams, in order of arrival).
    child.stdout?.on("data", (d) => onOutput?.(d.toString()));
    child.stderr?.on("data", (d) => onOutput?.(d.toString()));
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function hashFiles(files) {
  const h = crypto.createHash("sha256");
  for (const f of files.sort()) {
    h.update(path.relative(root, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest("hex");
}

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name === "generated" || e.name.startsWith(".")) continue;
      walk(p, out);
    } else if (!/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

function stampMatches(file, hash) {
  return fs.existsSync(file) && fs.readFileSync(file, "utf8") === hash;
}

/** Installs dependencies when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  // A git worktree sharing another checkout's node_modules through a symlink: npm ci here would empty
  // the shared folder for every checkout using it. That checkout installs; this one only uses it.
  if (fs.lstatSync(path.join(root, "node_modules"), { throwIfNoEntry: false })?.isSymbolicLink()) return;
  const lock = path.join(root, "package-lock.json");
  const stamp = path.join(root, "node_modules", ".relais-install-stamp");
  const hash = hashFiles([lock, path.join(root, "package.json")]);
  const nativeBuilt = fs.existsSync(
    path.join(root, "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node"),
  );
  if (stampMatches(stamp, hash) && nativeBuilt) return;
  step("Installing dependencies (npm ci; better-sqlite3 compiles from source, about a minute)");
  run(npm, ["ci", "--no-audit", "--no-fund"]);
  if (!fs.existsSync(path.join(root, "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node"))) {
    step("Building better-sqlite3");
    run(npm, ["rebuild", "better-sqlite3"]);
  }
  fs.writeFileSync(stamp, hash);
}

/** Generates both Prisma clients when the models changed. */
export async function ensurePrismaClients() {
  const { generate } = await import("./db.mjs");
  const inputs = [
    path.join(root, "prisma", "models.prisma"),
    path.join(root, "scripts", "db.mjs"),
    path.join(root, "package-lock.json"),
  ];
  const stamp = path.join(root, "server", "db", "generated", ".stamp");
  const hash = hashFiles(inputs);
  if (stampMatches(stamp, hash)) return;
  step("Generating the Prisma clients");
  generate();
  fs.writeFileSync(stamp, hash);
}

/** Builds the Next app when its sources changed since the last build. */
export function ensureBuild() {
  const files = [
    ...walk(path.join(root, "app")),
    ...walk(path.join(root, "components")),
    ...walk(path.join(root, "server")),
    ...[
      "next.config.mjs",
      "postcss.config.mjs",
      "tsconfig.json",
      // its "imports" pick modules per bundle (the browser's i18n catalogues)
      "package.json",
      "package-lock.json",
      "prisma/models.prisma",
    ].map((f) => path.join(root, f)),
  ];
  const hash = hashFiles(files);
  const dist = path.join(root, process.env.NEXT_DIST_DIR || ".next");
  const stamp = path.join(dist, "relais-build-stamp");
  if (stampMatches(stamp, hash) && fs.existsSync(path.join(dist, "BUILD_ID"))) return;
  step("Building the app (next build)");
  // Turbopack refuses a node_modules that is a symlink (a git worktree sharing another checkout's).
  const linked = fs.lstatSync(path.join(root, "node_modules")).isSymbolicLink();
  const args = [
    path.join(root, "node_modules", "next", "dist", "bin", "next"),
    "build",
    ...(linked ? ["--webpack"] : []),
  ];
  run(process.execPath, args, {
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "build-time-placeholder-secret",
    },
  });
  addCompileHints(dist);
  fs.writeFileSync(stamp, hash);
}

/** A secret kept in data/ so that sessions survive restarts of a local install. */
export function localSecret() {
  const file = path.join(root, "data", ".nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** Node with tsx's loader: runs TypeScript entry points in this process's child. */
export function tsxArgs(entry) {
  return ["--import", "tsx", path.join(root, entry)];
}

/**
 * Starts a server in its own process group; it stops when this process exits. `ready()` waits until
 * `readyUrl` answers 2xx.
 */
export function startServer(args, { env = {}, stdio = "inherit", readyUrl, name }) {
  const server = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", stdio, stdio],
    env: { ...process.env, ...env },
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  async function ready() {
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(readyUrl)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`${name} did not start`);
  }
  return { stop, ready };
}

/**
 * Starts the Playwright server (fresh demo database, production build) on its own port, for the
 * screenshot and Lighthouse scripts; it stops when this process exits. `ready()` waits for /login.
 */
export function startDemoServer(port) {
  const base = `http://localhost:${port}`;
  const server = startServer([path.join(root, "scripts", "e2e-server.mjs")], {
    env: { E2E_PORT: port },
    readyUrl: `${base}/login`,
    name: "Relais",
  });
  return { base, ...server };
}
