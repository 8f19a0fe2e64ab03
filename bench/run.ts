// `npm run bench`: the performance targets of DESIGN section 6, measured side by side with a bare
// Socket.IO server and a bare `ws` server doing the same fan-out. For each scenario and each server:
// start the server (with bench/servers/probe.mjs preloaded), run the load generator in its own process
// (warm-up first, then the measured window) as many times as --runs says, keep the median, and write
// the table to bench/results/. See bench/README.md.
//
//   npm run bench                       every scenario, 3 runs each
//   npm run bench -- --quick --only G1,G3
//   npm run bench -- --runs 5 --server realtime --db postgres
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import pg from "pg";
import { migrate, sqliteFile } from "../scripts/db.mjs";
import {
  formatReport,
  median,
  num as fmt,
  type Figure,
  type ReportInput,
  type ScenarioReport,
  type Usage,
} from "./report";
import type { Fixture, Room } from "./seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SCENARIOS = ["G1", "G2", "G3", "G5", "G6", "G7", "G8", "G9", "G11", "G12", "G13", "G14"] as const;
type ScenarioId = (typeof SCENARIOS)[number];
type TargetName = "relais" | "socketio" | "ws";
const TARGETS: TargetName[] = ["relais", "socketio", "ws"];
const SECRET = "relais-bench-secret-0123456789abcdef";
const ADMIN_PG = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// ─── options ────────────────────────────────────────────────────────────────────────────────────
type Options = {
  build: boolean;
  targets: TargetName[];
  profile: boolean;
  distDir: string;
  quick: boolean;
  smoke: boolean;
  only: ScenarioId[];
  runs: number;
  server: "full" | "realtime";
  db: "sqlite" | "postgres";
  out: string;
  port: number;
  redisPort: number;
};

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    return argv[i].includes("=") ? argv[i].split("=").slice(1).join("=") : argv[i + 1];
  };
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(`npm run bench [-- options]
  --quick            small loads and one run: for checking the harness, not for figures
  --only G1,G3       a subset of ${SCENARIOS.join(", ")}
  --runs N           measured runs per scenario and server (default 3, quick 1); the median is kept
  --server S         Relais under test: "full" (server/index.ts with the production build, default)
                     or "realtime" (the same socket path without Next: no build; default with --quick)
  --db D             "sqlite" (default) or "postgres" for the single-process scenarios (G8 is always postgres)
  --no-baselines     Relais only
  --targets T,…      a subset of relais,socketio,ws
  --out DIR          where the tables go (default bench/results)
  --port P           first port (default 3300; uses about 25 from it)
  --redis-port P     private redis-server port for G8 (default 6400)
  --dist-dir D       Next build dir for the whole server (default .next-bench; built when stale)
  --no-build         use the build in --dist-dir as it is, even if the sources changed since
  --profile          write a CPU profile of each server process to bench/results/raw/profiles/
                     (summarise one with: node bench/profile.mjs <file>)`);
    process.exit(0);
  }
  const smoke = argv.includes("--smoke");
  const quick = smoke || argv.includes("--quick");
  const onlyArg = get("only");
  const only = onlyArg ? onlyArg.split(",").map((s) => s.trim().toUpperCase()) : [...SCENARIOS];
  for (const s of only)
    if (!SCENARIOS.includes(s as ScenarioId)) throw new Error(`unknown scenario ${s} (known: ${SCENARIOS.join(", ")})`);
  const server = (get("server") ?? (quick ? "realtime" : "full")) as Options["server"];
  const db = (get("db") ?? "sqlite") as Options["db"];
  if (!["full", "realtime"].includes(server)) throw new Error("--server is full or realtime");
  if (!["sqlite", "postgres"].includes(db)) throw new Error("--db is sqlite or postgres");
  return {
    targets: (get("targets") ?? (argv.includes("--no-baselines") ? "relais" : TARGETS.join(",")))
      .split(",")
      .map((t) => {
        if (!TARGETS.includes(t.trim() as TargetName))
          throw new Error(`unknown server ${t} (known: ${TARGETS.join(", ")})`);
        return t.trim() as TargetName;
      }),
    profile: argv.includes("--profile"),
    build: !argv.includes("--no-build"),
    distDir: get("dist-dir") ?? ".next-bench",
    quick,
    smoke,
    only: [...new Set(only)] as ScenarioId[],
    runs: Number(get("runs") ?? (quick ? 1 : 3)),
    server,
    db,
    out: path.resolve(root, get("out") ?? "bench/results"),
    port: Number(get("port") ?? 3300),
    redisPort: Number(get("redis-port") ?? 6400),
  };
}

// ─── progress display ───────────────────────────────────────────────────────────────────────────
const tty = process.stdout.isTTY;
const started = performance.now();
let stepNo = 0;
let stepTotal = 0;
let stepLabel = "";
let lastPlain = 0;
const clock = () => {
  const s = Math.round((performance.now() - started) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};
function status(detail: string) {
  const line = `[${String(stepNo).padStart(2)}/${stepTotal}] ${clock()} ${stepLabel}${detail ? ` · ${detail}` : ""}`;
  if (tty) {
    process.stdout.write(`\r\x1b[K${line.slice(0, (process.stdout.columns || 120) - 1)}`);
  } else if (performance.now() - lastPlain > 5000) {
    lastPlain = performance.now();
    console.log(line);
  }
}
function say(line: string) {
  if (tty) process.stdout.write("\r\x1b[K");
  console.log(line);
}
function step(label: string) {
  stepNo++;
  stepLabel = label;
  lastPlain = 0;
  status("");
}

// ─── processes ──────────────────────────────────────────────────────────────────────────────────
const children = new Set<ChildProcess>();
function track(p: ChildProcess) {
  children.add(p);
  p.once("exit", () => children.delete(p));
  return p;
}
function killAll() {
  for (const p of children) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
}
process.on("exit", killAll);
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function portOpen(port: number) {
  return new Promise<boolean>((resolve) => {
    const s = net.createConnection(port, "127.0.0.1", () => {
      s.end();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 90_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

type Snapshot = {
  rss: number;
  heapUsed: number;
  external: number;
  cpuUser: number;
  cpuSystem: number;
  allocated: number;
  loopMaxMs: number;
};

class ServerProcess {
  proc: ChildProcess;
  private waiters = new Map<number, (s: Snapshot) => void>();
  private nextId = 0;
  private stderr = "";
  constructor(
    readonly name: string,
    readonly port: number,
    args: string[],
    env: Record<string, string>,
  ) {
    this.proc = track(
      spawn(
        process.execPath,
        [
          "--expose-gc",
          ...(process.env.BENCH_SERVER_FLAGS ? process.env.BENCH_SERVER_FLAGS.split(" ") : []),
          "--import",
          path.join(root, "bench/servers/probe.mjs"),
          ...args,
        ],
        {
          cwd: root,
          stdio: ["ignore", "ignore", "pipe", "ipc"],
          env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "error", ...env, PORT: String(port) },
        },
      ),
    );
    this.proc.stderr!.on("data", (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.proc.on("error", (e) => (this.stderr += `\n${String(e)}`));
    this.proc.on("message", (m: { probe?: string; id: number } & Snapshot) => {
      if (m?.probe !== "snapshot") return;
      this.waiters.get(m.id)?.(m);
      this.waiters.delete(m.id);
    });
  }
  async ready() {
    await waitFor(async () => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null)
        throw new Error(
          `${this.name} exited (${this.proc.exitCode ?? this.proc.signalCode}): ${this.stderr.slice(-1500)}`,
        );
      return portOpen(this.port);
    }, `${this.name} on ${this.port}`);
    // Someone else's server on that port answers too, while ours dies of EADDRINUSE: make sure ours is
    // the one still running (a shared machine; seen as "no probe answer" later otherwise).
    await sleep(300);
    if (this.proc.exitCode !== null || this.proc.signalCode !== null)
      throw new Error(
        `${this.name} exited (${this.proc.exitCode ?? this.proc.signalCode}): ${this.stderr.slice(-1500)}`,
      );
  }
  snapshot(gc = false): Promise<Snapshot> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no probe answer`)), 20_000);
      this.waiters.set(id, (s) => {
        clearTimeout(timer);
        resolve(s);
      });
      this.proc.send({ probe: "snapshot", id, gc });
    });
  }
  async stop() {
    const p = this.proc;
    if (p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => p.kill("SIGKILL"), 8000);
      p.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      p.kill("SIGTERM");
    });
  }
}

class PrivateRedis {
  private proc: ChildProcess | null = null;
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  /** CPU (µs) redis-server has used so far, from /proc (Linux; 0 elsewhere): G8 counts Redis apart. */
  cpuMicros(): number {
    try {
      const f = fs.readFileSync(`/proc/${this.proc?.pid}/stat`, "utf8").split(") ")[1].split(" ");
      return (Number(f[11]) + Number(f[12])) * 10_000; // USER_HZ = 100
    } catch {
      return 0;
    }
  }
  async start() {
    this.proc = track(
      spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
        stdio: "ignore",
      }),
    );
    await waitFor(() => portOpen(this.port), "redis");
  }
  async stop() {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((r) => {
      p.once("exit", () => r());
      p.kill("SIGTERM");
    });
  }
}

/** Runs a child (load generator, G11) that reports over IPC; answers its "mark" requests. */
function runChild(
  args: string[],
  env: Record<string, string>,
  onMark: (name: string) => Promise<void>,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = track(
      spawn(process.execPath, args, {
        cwd: root,
        stdio: ["ignore", "inherit", "pipe", "ipc"],
        env: { ...process.env, ...env },
      }),
    );
    let stderr = "";
    let result: Record<string, unknown> | null = null;
    let error: string | null = null;
    p.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    p.on(
      "message",
      (m: {
        type: string;
        text?: string;
        name?: string;
        id?: number;
        result?: Record<string, unknown>;
        error?: string;
      }) => {
        if (m.type === "progress") status(m.text ?? "");
        else if (m.type === "mark")
          void onMark(m.name!).then(
            () => p.send({ type: "marked", id: m.id }),
            (e) => {
              error = `mark ${m.name}: ${String(e)}`;
              p.send({ type: "marked", id: m.id });
            },
          );
        else if (m.type === "result") result = m.result!;
        else if (m.type === "error") error = m.error!;
      },
    );
    p.on("exit", (code) => {
      if (result && !error) resolve(result);
      else reject(new Error(error ?? `exited ${code}: ${stderr}`));
    });
  });
}

// ─── databases ──────────────────────────────────────────────────────────────────────────────────
type BenchDb = { url: string; provider: "sqlite" | "postgres"; fixture: Fixture; drop: () => Promise<void> };

async function createDb(provider: "sqlite" | "postgres", users: number): Promise<BenchDb> {
  let url: string;
  let drop: () => Promise<void>;
  if (provider === "sqlite") {
    const dir = process.env.BENCH_SQLITE_DIR ?? path.join(root, "data", "bench");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `bench-${process.pid}.db`);
    for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
    url = `file:${file}`;
    drop = async () => {
      for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
    };
  } else {
    const name = `relais_bench_${crypto.randomBytes(4).toString("hex")}`;
    await pgAdmin(`CREATE DATABASE ${name}`);
    const u = new URL(ADMIN_PG);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = () => pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  await migrate(url);
  const fixtureFile = path.join(os.tmpdir(), `relais-bench-${process.pid}-${provider}.json`);
  const seeded = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(root, "bench/seed.ts"), fixtureFile, String(users)],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: SECRET, NODE_ENV: "production", LOG_LEVEL: "error" },
      encoding: "utf8",
    },
  );
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  const fixture = JSON.parse(fs.readFileSync(fixtureFile, "utf8")) as Fixture;
  fs.rmSync(fixtureFile, { force: true });
  return { url, provider, fixture, drop };
}

async function pgAdmin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN_PG });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** G5's check in the database itself: what was acknowledged is stored once, and every seq is there once. */
async function storedCheck(d: BenchDb, prefix: string, dossierIds: string[]) {
  const q = {
    stored: `SELECT COUNT(*) AS n, COUNT(DISTINCT "clientId") AS d FROM "Message" WHERE "clientId" LIKE ?`,
    gaps: `SELECT d.id, d.seq, (SELECT COUNT(*) FROM "DossierEvent" e WHERE e."dossierId" = d.id) AS events, (SELECT COUNT(DISTINCT e.seq) FROM "DossierEvent" e WHERE e."dossierId" = d.id) AS distinct_seq, (SELECT MAX(e.seq) FROM "DossierEvent" e WHERE e."dossierId" = d.id) AS max_seq FROM "Dossier" d WHERE d.id IN (${dossierIds.map(() => "?").join(",")})`,
  };
  type GapRow = { id: string; seq: number; events: number; distinct_seq: number; max_seq: number };
  let stored: { n: number; d: number };
  let gaps: GapRow[];
  if (d.provider === "sqlite") {
    const conn = new Database(sqliteFile(d.url), { readonly: true });
    stored = conn.prepare(q.stored).get(`${prefix}%`) as { n: number; d: number };
    gaps = conn.prepare(q.gaps).all(...dossierIds) as GapRow[];
    conn.close();
  } else {
    const c = new pg.Client({ connectionString: d.url });
    await c.connect();
    let i = 0;
    const num = (s: string) => s.replace(/\?/g, () => `$${++i}`);
    stored = (await c.query(num(q.stored), [`${prefix}%`])).rows[0];
    i = 0;
    gaps = (await c.query(num(q.gaps), dossierIds)).rows;
    await c.end();
  }
  const bad = gaps.filter(
    (g) =>
      Number(g.events) !== Number(g.seq) ||
      Number(g.distinct_seq) !== Number(g.seq) ||
      Number(g.max_seq) !== Number(g.seq),
  );
  return { stored: Number(stored.n), duplicated: Number(stored.n) - Number(stored.d), seqProblems: bad.length };
}

// ─── servers under test ─────────────────────────────────────────────────────────────────────────
type Target = {
  name: TargetName;
  servers: ServerProcess[];
  urls: string[];
  origin: string;
  protocol: "sio" | "ws";
  redis?: PrivateRedis;
  stop: () => Promise<void>;
};

async function startTarget(
  name: TargetName,
  o: Options,
  d: BenchDb,
  opts: {
    processes?: number;
    redis?: PrivateRedis;
    adapter?: "classic" | "sharded";
    recovery?: boolean;
    port: number;
    server?: Options["server"];
    env?: Record<string, string>;
  },
): Promise<Target> {
  const n = opts.processes ?? 1;
  if (name === "relais" && (opts.server ?? o.server) === "full" && o.build) ensureBuild(o.distDir);
  const servers: ServerProcess[] = [];
  for (let i = 0; i < n; i++) {
    const port = opts.port + i;
    const env: Record<string, string> = { HOSTNAME: "127.0.0.1" };
    if (opts.redis) env.REDIS_URL = opts.redis.url;
    if (opts.adapter) env.REDIS_ADAPTER = opts.adapter;
    Object.assign(env, opts.env);
    let args: string[];
    // A profile of every server process, the baselines' too (to compare with): Relais's are Node's
    // default CPU.<date>.<pid>.<thread>.cpuprofile (one per thread), the baselines' are named after them.
    const dir = `--cpu-prof-dir=${path.join(o.out, "raw", "profiles")}`;
    const profile = !o.profile
      ? []
      : name === "relais"
        ? ["--cpu-prof", dir]
        : ["--cpu-prof", dir, `--cpu-prof-name=${name}.${i}.${Date.now()}.cpuprofile`];
    if (name === "relais") {
      Object.assign(env, {
        NODE_ENV: "production",
        DATABASE_URL: d.url,
        NEXTAUTH_URL: `http://127.0.0.1:${opts.port}`,
        NEXTAUTH_SECRET: SECRET,
        DEMO_LOGIN: "0",
        OUTBOX_INTERVAL_MS: "3600000",
        // X4: one bench sender sends 100 messages/s; the per-user limits would stop it (a load test).
        RATE_LIMIT_FACTOR: "1000000",
        NEXT_DIST_DIR: o.distDir,
        UPLOAD_DIR: path.join(root, "data", "bench", "uploads"),
      });
      args = [
        ...profile,
        "--import",
        "tsx",
        path.join(root, (opts.server ?? o.server) === "full" ? "server/index.ts" : "bench/servers/relais.ts"),
      ];
    } else {
      if (opts.recovery) env.RECOVERY = "1";
      args = [...profile, path.join(root, `bench/servers/${name}.mjs`)];
    }
    servers.push(new ServerProcess(`${name}#${i}`, port, args, env));
  }
  await Promise.all(servers.map((s) => s.ready()));
  return {
    name,
    servers,
    urls: servers.map((s) => `http://127.0.0.1:${s.port}`),
    // Relais accepts only its own Origin (section 5), which is the first process's URL here.
    origin: `http://127.0.0.1:${opts.port}`,
    protocol: name === "ws" ? "ws" : "sio",
    redis: opts.redis,
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}

let built = false;
function ensureBuild(distDir: string) {
  if (built) return;
  built = true;
  status(`next build into ${distDir} (when the sources changed)`);
  // `next build` adds its dist dir to tsconfig.json's include: put the file back as it was.
  const tsconfig = path.join(root, "tsconfig.json");
  const before = fs.readFileSync(tsconfig, "utf8");
  const r = spawnSync(process.execPath, ["-e", "import('./scripts/lib.mjs').then((m) => m.ensureBuild())"], {
    cwd: root,
    env: { ...process.env, NEXT_DIST_DIR: distDir },
    encoding: "utf8",
  });
  if (fs.readFileSync(tsconfig, "utf8") !== before) fs.writeFileSync(tsconfig, before);
  if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
}

// ─── scenarios ──────────────────────────────────────────────────────────────────────────────────
type Ctx = {
  o: Options;
  sqlite: () => Promise<BenchDb>;
  postgres: () => Promise<BenchDb>;
  main: () => Promise<BenchDb>;
  tag: () => string;
};
type RunResult = { result: Record<string, unknown>; usage?: Usage; idle?: Usage; redisCpuMicros?: number };

type G8Variant = readonly [processes: number, adapter: "classic" | "sharded"];
const G8_ALL: G8Variant[] = [
  [2, "classic"],
  [2, "sharded"],
  [4, "classic"],
  [4, "sharded"],
];
// The smoke test only checks that both adapters and four processes work.
const G8_SMOKE: G8Variant[] = [
  [2, "classic"],
  [4, "sharded"],
];

/** Sizes per mode: full (the targets' own numbers), quick, smoke (a few sockets: only that it works). */
function sizes(o: Options) {
  if (o.smoke)
    return {
      g1: { viewers: 10, rate: 20, warm: 0.5, dur: 1 },
      g2: { rooms: 5, per: 4, rate: 20, warm: 0.5, dur: 1 },
      g3: { count: 20, warm: 5 },
      g5: { rooms: 4, rate: 100, warm: 0.5, dur: 1 },
      g6: 50,
      g6idleMs: 500,
      g7: 40,
      g8: { viewers: 10, rate: 20, warm: 0.5, dur: 1, variants: G8_SMOKE },
      g9: { viewers: 3, rate: 20, before: 800, cut: 1000, after: 500 },
      g11: { warm: 50, it: 100 },
      g12: { warm: 2, it: 5 },
      g14: { messages: 2000, warm: 10, it: 20 },
      users: 300,
    };
  if (o.quick)
    return {
      g1: { viewers: 200, rate: 100, warm: 1, dur: 3 },
      g2: { rooms: 50, per: 20, rate: 20, warm: 1, dur: 3 },
      g3: { count: 100, warm: 20 },
      g5: { rooms: 50, rate: 2000, warm: 1, dur: 5 },
      g6: 1000,
      g6idleMs: 3000,
      g7: 300,
      g8: { viewers: 200, rate: 100, warm: 1, dur: 3, variants: G8_ALL },
      g9: { viewers: 20, rate: 50, before: 1500, cut: 3000, after: 1000 },
      g11: { warm: 100, it: 300 },
      g12: { warm: 5, it: 20 },
      g14: { messages: 20_000, warm: 20, it: 100 },
      users: 5000,
    };
  return {
    g1: { viewers: 200, rate: 100, warm: 2, dur: 8 },
    g2: { rooms: 50, per: 20, rate: 20, warm: 2, dur: 8 },
    g3: { count: 300, warm: 50 },
    g5: { rooms: 50, rate: 2000, warm: 3, dur: 60 },
    g6: 5000,
    g6idleMs: 10_000,
    g7: 1000,
    g8: { viewers: 200, rate: 100, warm: 2, dur: 8, variants: G8_ALL },
    g9: { viewers: 20, rate: 50, before: 2000, cut: 3000, after: 2000 },
    g11: { warm: 200, it: 2000 },
    g12: { warm: 20, it: 100 },
    g14: { messages: 100_000, warm: 20, it: 300 },
    users: 5000,
  };
}

const room = (r: Room, viewers?: number): Room => ({
  ...r,
  viewers: viewers === undefined ? r.viewers : r.viewers.slice(0, viewers),
});

function cookiesFor(d: BenchDb, rooms: Room[], extra: string[] = []) {
  const ids = new Set(extra);
  for (const r of rooms) {
    ids.add(r.sender);
    r.viewers.forEach((v) => ids.add(v));
  }
  return Object.fromEntries([...ids].map((id) => [id, d.fixture.cookies[id]]));
}

/** One load generator run against a started target; the server probes are read at its marks. */
async function loadgenRun(ctx: Ctx, t: Target, config: Record<string, unknown>, gcAtMarks = false): Promise<RunResult> {
  const marks = new Map<string, Snapshot[]>();
  const redisAt = new Map<string, number>();
  const file = path.join(os.tmpdir(), `relais-bench-${process.pid}-${crypto.randomBytes(3).toString("hex")}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      protocol: t.protocol,
      origin: t.origin,
      viewerUrl: t.urls[t.urls.length - 1],
      // G8: viewers spread over every process but the sender's.
      viewerUrls: t.urls.length > 1 ? t.urls.slice(1) : t.urls,
      senderUrl: t.urls[0],
      tag: ctx.tag(),
      ...config,
    }),
  );
  try {
    const result = await runChild([path.join(root, "bench/loadgen.mjs")], { BENCH_CONFIG_FILE: file }, async (name) => {
      // Collections only at the edges of what they measure (G6's memory), never inside a CPU window.
      const gc = gcAtMarks && (name === "before" || name === "after");
      marks.set(name, await Promise.all(t.servers.map((s) => s.snapshot(gc))));
      if (t.redis) redisAt.set(name, t.redis.cpuMicros());
    });
    const a = marks.get("start") ?? marks.get("before");
    const b = marks.get("end") ?? marks.get("after");
    const usage = a && b ? usageBetween(a, b) : undefined;
    const i0 = marks.get("idleStart");
    const i1 = marks.get("idleEnd");
    const r0 = redisAt.get("start") ?? redisAt.get("before");
    const r1 = redisAt.get("end") ?? redisAt.get("after");
    return {
      result,
      usage,
      idle: i0 && i1 ? usageBetween(i0, i1) : undefined,
      redisCpuMicros: r0 !== undefined && r1 !== undefined ? r1 - r0 : undefined,
    };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function usageBetween(a: Snapshot[], b: Snapshot[]): Usage {
  let cpuMicros = 0;
  let allocated = 0;
  let rss = 0;
  let rssDelta = 0;
  let heapDelta = 0;
  let loopMaxMs = 0;
  a.forEach((s, i) => {
    loopMaxMs = Math.max(loopMaxMs, b[i].loopMaxMs);
    cpuMicros += b[i].cpuUser + b[i].cpuSystem - s.cpuUser - s.cpuSystem;
    allocated += b[i].allocated - s.allocated;
    rss += b[i].rss;
    rssDelta += b[i].rss - s.rss;
    heapDelta += b[i].heapUsed + b[i].external - s.heapUsed - s.external;
  });
  return { cpuMicros, allocated, rss, rssDelta, heapDelta, loopMaxMs };
}

const rawRuns: Record<string, RunResult[]> = {};

/** Waits until the target's processes are nearly idle (under 10 % of a core over 300 ms, at most 30 s): no run starts against the previous one's backlog. */
async function settle(t: Target) {
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    const a = await Promise.all(t.servers.map((s) => s.snapshot()));
    await sleep(300);
    const b = await Promise.all(t.servers.map((s) => s.snapshot()));
    const busy = b.reduce((sum, x, i) => sum + x.cpuUser + x.cpuSystem - a[i].cpuUser - a[i].cpuSystem, 0) / 300_000;
    if (busy < 0.1) return;
    status(`waiting for ${label(t.name)} to go idle (${Math.round(busy * 100)} % of a core)`);
  }
}

/** For each server: start it, warm up and measure `runs` times with fresh load generators, stop it. */
async function perTarget(
  ctx: Ctx,
  id: ScenarioId,
  d: BenchDb,
  opts: {
    targets?: TargetName[];
    processes?: number;
    redis?: boolean;
    adapter?: "classic" | "sharded";
    recovery?: boolean;
    /** names a variant of the scenario (G8: processes and adapter) */
    variant?: string;
  },
  config: (t: Target) => Record<string, unknown>,
  gcAtMarks = false,
  after?: (t: Target, r: RunResult) => Promise<void>,
) {
  const out: Partial<Record<TargetName, RunResult[]>> = {};
  const targets = (opts.targets ?? TARGETS).filter((t) => ctx.o.targets.includes(t));
  const v = opts.variant ? ` · ${opts.variant}` : "";
  for (const name of targets) {
    step(`${id}${v} · ${label(name)}`);
    let redis: PrivateRedis | undefined;
    if (opts.redis) {
      redis = new PrivateRedis(ctx.o.redisPort);
      await redis.start();
    }
    const t = await startTarget(name, ctx.o, d, {
      processes: opts.processes,
      redis,
      adapter: opts.adapter,
      recovery: opts.recovery,
      port: ctx.o.port + 10 * TARGETS.indexOf(name),
    });
    try {
      out[name] = rawRuns[`${id}${v} ${name}`] = [];
      for (let run = 1; run <= ctx.o.runs; run++) {
        stepLabel = `${id}${v} · ${label(name)} · run ${run}/${ctx.o.runs}`;
        const r = await loadgenRun(ctx, t, config(t), gcAtMarks);
        await after?.(t, r);
        out[name].push(r);
        await settle(t);
      }
    } finally {
      await t.stop();
      await redis?.stop();
    }
  }
  return out;
}

const label = (t: TargetName) => ({ relais: "Relais", socketio: "bare Socket.IO", ws: "bare ws" })[t];

/** DESIGN §6: a target is a ratio to bare Socket.IO measured in the same run ("at most" or "at least"). */
function vsSocketIo(r: number, atLeast = false): Pick<Figure, "target" | "met"> {
  return {
    target: `${atLeast ? "≥" : "≤"} ${r}× Socket.IO`,
    met: (v) =>
      v.relais != null && v.socketio != null && (atLeast ? v.relais >= r * v.socketio : v.relais <= r * v.socketio),
  };
}

/** The server's CPU per message of each run (delivered to viewers, or stored), median over runs. */
function cpuPer(runs: Runs, per: string): Partial<Record<TargetName, number | null>> {
  return Object.fromEntries(
    Object.entries(runs).map(([t, rs]) => [
      t,
      median(
        rs!.map((r) => {
          const n = get(r.result, per) ?? 0;
          return r.usage && n ? r.usage.cpuMicros / n : null;
        }),
      ),
    ]),
  );
}

type Runs = Partial<Record<TargetName, RunResult[]>>;
/** The median over runs of the longest event-loop stall in the measured window. */
function loopStall(runs: Runs): Partial<Record<TargetName, number | null>> {
  return Object.fromEntries(
    Object.entries(runs).map(([t, rs]) => [t, median(rs!.map((r) => r.usage?.loopMaxMs ?? null))]),
  );
}
const get = (r: Record<string, unknown>, p: string): number | null => {
  let v: unknown = r;
  for (const k of p.split(".")) v = (v as Record<string, unknown> | undefined)?.[k];
  return typeof v === "number" ? v : null;
};
/** The median over runs of one figure, per server. */
function med(runs: Runs, p: string): Partial<Record<TargetName, number | null>> {
  return Object.fromEntries(Object.entries(runs).map(([t, rs]) => [t, median(rs!.map((r) => get(r.result, p)))]));
}
function sum(runs: Runs, p: string): Partial<Record<TargetName, number | null>> {
  return Object.fromEntries(
    Object.entries(runs).map(([t, rs]) => [t, rs!.reduce((s, r) => s + (get(r.result, p) ?? 0), 0)]),
  );
}
function usageRows(id: ScenarioId, runs: Runs, per: string, perLabel: string): ScenarioReport["usage"] {
  return Object.entries(runs).map(([t, rs]) => {
    const perRun = rs!.map((r) => ({ u: r.usage, n: get(r.result, per) ?? 0 }));
    return {
      scenario: id,
      server: label(t as TargetName),
      per: perLabel,
      cpuMicrosPer: median(perRun.map(({ u, n }) => (u && n ? u.cpuMicros / n : null))),
      bytesPer: median(perRun.map(({ u, n }) => (u && n ? u.allocated / n : null))),
      rssMiB: median(perRun.map(({ u }) => (u ? u.rss / 1048576 : null))),
    };
  });
}

async function scenario(ctx: Ctx, id: ScenarioId): Promise<ScenarioReport> {
  const s = sizes(ctx.o);
  const fanoutFigures = (runs: Runs, target: { p99: number; cpu?: number }, suffix = ""): Figure[] => [
    { name: `delivery p99 (ms)${suffix}`, values: med(runs, "latency.p99"), ratio: true, ...vsSocketIo(target.p99) },
    {
      name: `server CPU per delivered message (µs)${suffix}`,
      values: cpuPer(runs, "deliveredInWindow"),
      ratio: true,
      ...(target.cpu ? vsSocketIo(target.cpu) : {}),
    },
    { name: `delivery p50 (ms)${suffix}`, values: med(runs, "latency.p50"), ratio: true },
    { name: `send ack p99 (ms)${suffix}`, values: med(runs, "ack.p99"), ratio: true },
    { name: `longest event-loop stall, any process (ms)${suffix}`, values: loopStall(runs), ratio: true },
    {
      name: `lost + duplicated deliveries (all runs)${suffix}`,
      values: addValues(sum(runs, "lost"), sum(runs, "duplicates")),
      target: "0",
      met: (v) => v.relais === 0,
    },
    {
      name: `sends failed, skipped or never answered (all runs)${suffix}`,
      values: addValues(addValues(sum(runs, "errors"), sum(runs, "skipped")), sum(runs, "unacknowledged")),
    },
  ];
  switch (id) {
    case "G1": {
      const d = await ctx.main();
      const r = room(d.fixture.rooms.g1, s.g1.viewers);
      const runs = await perTarget(ctx, id, d, {}, () => ({
        kind: "fanout",
        rooms: [r],
        cookies: cookiesFor(d, [r]),
        rate: s.g1.rate,
        warmupS: s.g1.warm,
        durationS: s.g1.dur,
      }));
      return {
        id,
        title: `${r.viewers.length} viewers of one dossier, ${s.g1.rate} messages/s sent and stored`,
        figures: fanoutFigures(runs, { p99: 1.25, cpu: 1.25 }),
        usage: usageRows(id, runs, "deliveredInWindow", "delivered message"),
      };
    }
    case "G2": {
      const d = await ctx.main();
      const rooms = d.fixture.rooms.grid
        .slice(0, s.g2.rooms)
        .map((r) => room(r, s.g2.per))
        .filter((r) => r.viewers.length > 0);
      const runs = await perTarget(ctx, id, d, {}, () => ({
        kind: "fanout",
        rooms,
        cookies: cookiesFor(d, rooms),
        rate: s.g2.rate,
        warmupS: s.g2.warm,
        durationS: s.g2.dur,
      }));
      return {
        id,
        title: `${rooms.length * s.g2.per} viewers over ${rooms.length} dossiers, ${s.g2.rate} messages/s`,
        figures: fanoutFigures(runs, { p99: 1.25, cpu: 1.5 }),
        usage: usageRows(id, runs, "deliveredInWindow", "delivered message"),
      };
    }
    case "G3": {
      const d = await ctx.main();
      const r = d.fixture.rooms.g3;
      const runs = await perTarget(ctx, id, d, {}, () => ({
        kind: "pingpong",
        rooms: [r],
        cookies: cookiesFor(d, [r]),
        count: s.g3.count,
        warmup: s.g3.warm,
      }));
      return {
        id,
        title: "one sender, one viewer: send → commit → receive, one message at a time",
        figures: [
          {
            name: "send → receive p50 (ms)",
            values: med(runs, "latency.p50"),
            ratio: true,
            ...vsSocketIo(2),
          },
          {
            name: "send → receive p99 (ms)",
            values: med(runs, "latency.p99"),
            ratio: true,
            ...vsSocketIo(1.5),
          },
          { name: "send → ack p50 (ms)", values: med(runs, "ack.p50"), ratio: true },
          { name: "errors (all runs)", values: sum(runs, "errors"), target: "0", met: (v) => v.relais === 0 },
        ],
        usage: [],
      };
    }
    case "G5": {
      const d = await ctx.main();
      const rooms = d.fixture.rooms.grid.slice(0, s.g5.rooms).map((r) => room(r, 1));
      const checks: { lost: number; duplicated: number; seqProblems: number }[] = [];
      const runs = await perTarget(
        ctx,
        id,
        d,
        {},
        (t) => ({
          kind: "throughput",
          rooms,
          cookies: cookiesFor(d, rooms),
          rate: s.g5.rate,
          warmupS: s.g5.warm,
          durationS: t.name === "relais" ? s.g5.dur : Math.min(s.g5.dur, 5),
          lanes: 2,
        }),
        false,
        async (t, r) => {
          if (t.name !== "relais") return;
          const c = await storedCheck(
            d,
            String(r.result.clientIdPrefix),
            rooms.map((x) => x.dossierId),
          );
          const acked = Number(r.result.acked);
          r.result.dbLost = Math.max(0, acked - c.stored);
          r.result.dbDuplicated = c.duplicated;
          r.result.seqProblems = c.seqProblems;
          checks.push({ lost: acked - c.stored, duplicated: c.duplicated, seqProblems: c.seqProblems });
        },
      );
      return {
        id,
        title: `${s.g5.rate.toLocaleString("en")} stored messages/s offered over ${rooms.length} dossiers for ${s.g5.dur} s (baselines: ${Math.min(s.g5.dur, 5)} s, nothing stored)`,
        figures: [
          {
            name: "acknowledged messages/s",
            values: med(runs, "perSecond"),
            ratio: true,
            target: `≥ ${s.g5.rate.toLocaleString("en")}/s (1.0× offered)`,
            met: (v) => v.relais != null && v.relais >= 0.99 * s.g5.rate,
          },
          {
            name: "server CPU per stored message (µs)",
            values: cpuPer(runs, "acked"),
            ratio: true,
            ...vsSocketIo(2),
          },
          {
            name: "acked but not stored + stored twice + seq gaps (database, all runs)",
            values: { relais: checks.reduce((x, c) => x + Math.max(0, c.lost) + c.duplicated + c.seqProblems, 0) },
            target: "0",
            met: (v) => v.relais === 0,
          },
          {
            name: "lost + duplicated deliveries to viewers (all runs)",
            values: addValues(sum(runs, "lost"), sum(runs, "duplicates")),
            target: "0",
            met: (v) => v.relais === 0,
          },
          { name: "send ack p99 (ms)", values: med(runs, "ack.p99"), ratio: true, ...vsSocketIo(5) },
          { name: "longest event-loop stall, any process (ms)", values: loopStall(runs), ratio: true },
          { name: "send errors (all runs)", values: sum(runs, "errors") },
        ],
        usage: usageRows(id, runs, "acked", "stored message"),
      };
    }
    case "G6": {
      const d = await ctx.main();
      const users = d.fixture.users.slice(0, s.g6);
      const cookies = Object.fromEntries(users.map((u) => [u, d.fixture.cookies[u]]));
      const runs = await perTarget(
        ctx,
        id,
        d,
        {},
        () => ({ kind: "idle", users, cookies, connectConcurrency: 100, idleMs: s.g6idleMs }),
        true,
      );
      const per = (field: "rssDelta" | "heapDelta") =>
        Object.fromEntries(
          Object.entries(runs).map(([t, rs]) => [
            t,
            median(
              rs!.map((r) =>
                r.usage && Number(r.result.sockets) ? r.usage[field] / Number(r.result.sockets) / 1024 : null,
              ),
            ),
          ]),
        );
      return {
        id,
        title: `${s.g6.toLocaleString("en")} idle authenticated sockets`,
        figures: [
          {
            name: "server memory per socket, RSS (KiB)",
            values: per("rssDelta"),
            ratio: true,
            target: "≤ 20 KiB",
            met: (v) => v.relais != null && v.relais <= 20,
          },
          { name: "server memory per socket, JS heap + external (KiB)", values: per("heapDelta"), ratio: true },
          {
            name: `server CPU per idle socket, over ${s.g6idleMs / 1000} s idle (µs per socket per second)`,
            values: Object.fromEntries(
              Object.entries(runs).map(([t, rs]) => [
                t,
                median(
                  rs!.map((r) =>
                    r.idle && Number(r.result.sockets)
                      ? r.idle.cpuMicros / Number(r.result.sockets) / (s.g6idleMs / 1000)
                      : null,
                  ),
                ),
              ]),
            ),
            ratio: true,
          },
          { name: "sockets connected (median)", values: med(runs, "sockets") },
          {
            name: "connections refused or failed (all runs)",
            values: sum(runs, "failed"),
            target: "0",
            met: (v) => v.relais === 0,
          },
        ],
        usage: [],
      };
    }
    case "G7": {
      const d = await ctx.main();
      const rooms = d.fixture.rooms.grid.filter((r) => r.viewers.length > 0);
      const runs = await perTarget(ctx, id, d, {}, () => ({
        kind: "connect",
        rooms,
        cookies: cookiesFor(d, rooms),
        count: s.g7,
        concurrency: 50,
      }));
      return {
        id,
        title: `connect + authenticate + join, ${s.g7.toLocaleString("en")} sockets over ${rooms.length} dossiers, 50 in flight`,
        figures: [
          {
            name: "completed per second",
            values: med(runs, "perSecond"),
            ratio: true,
            ...vsSocketIo(0.8, true),
          },
          { name: "one connection: p50 (ms)", values: med(runs, "latency.p50"), ratio: true },
          { name: "one connection: p99 (ms)", values: med(runs, "latency.p99"), ratio: true },
          {
            name: "server CPU per connection (connect + authenticate + join, µs)",
            values: cpuPer(runs, "completed"),
            ratio: true,
          },
          { name: "failed (all runs)", values: sum(runs, "failed"), target: "0", met: (v) => v.relais === 0 },
        ],
        usage: [],
      };
    }
    case "G8": {
      // Two and four processes, with the classic Redis adapter and the sharded one (Redis 7 sharded
      // pub/sub): sender on the first process, viewers spread over the others. The baselines run the
      // same adapter; bare ws (its own Redis pub/sub) runs in the first variant only.
      const d = await ctx.postgres();
      const r = room(d.fixture.rooms.g8, s.g8.viewers);
      const figures: Figure[] = [];
      const usage: ScenarioReport["usage"] = [];
      for (const [processes, adapter] of s.g8.variants) {
        const variant = `${processes} processes, ${adapter}`;
        const first = figures.length === 0;
        const runs = await perTarget(
          ctx,
          id,
          d,
          {
            processes,
            redis: true,
            adapter,
            variant,
            targets: first ? TARGETS : ["relais", "socketio"],
          },
          () => ({
            kind: "fanout",
            rooms: [r],
            cookies: cookiesFor(d, [r]),
            rate: s.g8.rate,
            warmupS: s.g8.warm,
            durationS: s.g8.dur,
          }),
        );
        // DESIGN §6: delivery p99 ≤ 1.5× bare Socket.IO with the same adapter.
        figures.push(...fanoutFigures(runs, { p99: 1.5 }, `, ${variant}`));
        figures.push({
          name: `Redis CPU per delivered message (µs), ${variant}`,
          values: Object.fromEntries(
            Object.entries(runs).map(([t, rs]) => [
              t,
              median(
                rs!.map((x) => {
                  const n = get(x.result, "deliveredInWindow") ?? 0;
                  return x.redisCpuMicros !== undefined && n ? x.redisCpuMicros / n : null;
                }),
              ),
            ]),
          ),
          ratio: true,
        });
        usage.push(
          ...usageRows(
            id,
            runs,
            "deliveredInWindow",
            `delivered message, ${variant} (all processes; Redis not counted)`,
          ),
        );
      }
      return {
        id,
        title: `processes + Redis (PostgreSQL): sender on the first, ${r.viewers.length} viewers spread over the others, ${s.g8.rate} messages/s`,
        figures,
        usage,
      };
    }
    case "G9": {
      const d = await ctx.main();
      const r = room(d.fixture.rooms.g9, s.g9.viewers);
      const runs = await perTarget(ctx, id, d, { recovery: true }, () => ({
        kind: "cutoff",
        rooms: [r],
        cookies: cookiesFor(d, [r]),
        rate: s.g9.rate,
        beforeMs: s.g9.before,
        cutMs: s.g9.cut,
        afterMs: s.g9.after,
      }));
      return {
        id,
        title: `one of ${r.viewers.length} viewers cut off ${s.g9.cut / 1000} s during ${s.g9.rate} messages/s (Socket.IO: its connection state recovery; ws: no recovery)`,
        figures: [
          {
            name: "messages missed by the cut viewer (all runs)",
            values: sum(runs, "missed"),
            target: "0",
            met: (v) => v.relais === 0,
          },
          {
            name: "caught up after reconnecting (ms)",
            values: med(runs, "caughtUpMs"),
            ratio: true,
            target: "≤ 1,000 ms",
            met: (v) => v.relais != null && v.relais <= 1000,
          },
          { name: "duplicates (all runs)", values: sum(runs, "duplicates"), target: "0", met: (v) => v.relais === 0 },
        ],
        usage: [],
      };
    }
    case "G11": {
      const d = await ctx.main();
      step("G11 · newest 50 messages: the app's read, Prisma's query builder, raw SQL");
      const results: Record<string, unknown>[] = [];
      for (let run = 1; run <= ctx.o.runs; run++) {
        stepLabel = `G11 · run ${run}/${ctx.o.runs}`;
        results.push(
          await runChild(
            ["--import", "tsx", path.join(root, "bench/g11.ts")],
            {
              DATABASE_URL: d.url,
              NEXTAUTH_SECRET: SECRET,
              NODE_ENV: "production",
              LOG_LEVEL: "error",
              BENCH_CONFIG: JSON.stringify({
                dossierId: d.fixture.pages.big,
                holder: d.fixture.pages.holder,
                warmup: s.g11.warm,
                iterations: s.g11.it,
              }),
            },
            async () => {},
          ),
        );
      }
      const p50 = (key: string) => median(results.map((r) => get(r, `${key}.p50`)));
      const ratio = (key: string) => median(results.map((r) => (get(r, `${key}.p50`) ?? 0) / (get(r, "raw.p50") ?? 1)));
      return {
        id,
        title: `newest 50 messages of a 10,000-message dossier (${d.provider}), in process`,
        figures: [
          {
            name: "the app's read (latestMessages, prepared statement) p50 (µs)",
            values: { relais: p50("app") },
          },
          { name: "the app's read p99 (µs)", values: { relais: median(results.map((r) => get(r, "app.p99"))) } },
          { name: "raw SQL on its own connection, same objects, p50 (µs)", values: { relais: p50("raw") } },
          {
            name: "the app's read ÷ raw SQL",
            values: { relais: ratio("app") },
            target: "≤ 1.25×",
            met: (v) => v.relais != null && v.relais <= 1.25,
          },
          { name: "Prisma's query builder (findMany), same objects, p50 (µs)", values: { relais: p50("orm") } },
          { name: "Prisma's query builder ÷ raw SQL", values: { relais: ratio("orm") } },
          // C8: an older page by seq, from the middle of the dossier.
          {
            name: "an older page by seq: the app's read (olderMessages' statement) p50 (µs)",
            values: { relais: p50("appOlder") },
          },
          { name: "an older page by seq: raw SQL p50 (µs)", values: { relais: p50("rawOlder") } },
          {
            name: "an older page: the app's read ÷ raw SQL",
            values: {
              relais: median(results.map((r) => (get(r, "appOlder.p50") ?? 0) / (get(r, "rawOlder.p50") ?? 1))),
            },
            target: "≤ 1.25×",
            met: (v) => v.relais != null && v.relais <= 1.25,
          },
        ],
        usage: [],
      };
    }
    case "G12":
    case "G13":
      return pages(ctx, id);
    case "G14": {
      const d = await ctx.main();
      step(`G14 · search over a ${s.g14.messages.toLocaleString("en")}-message organization: the app and raw SQL`);
      const results: Record<string, unknown>[] = [];
      for (let run = 1; run <= ctx.o.runs; run++) {
        stepLabel = `G14 · run ${run}/${ctx.o.runs}`;
        results.push(
          await runChild(
            ["--import", "tsx", path.join(root, "bench/g14.ts")],
            {
              DATABASE_URL: d.url,
              NEXTAUTH_SECRET: SECRET,
              NODE_ENV: "production",
              LOG_LEVEL: "error",
              BENCH_CONFIG: JSON.stringify({ messages: s.g14.messages, warmup: s.g14.warm, iterations: s.g14.it }),
            },
            async () => {},
          ),
        );
      }
      const m = (p: string) => median(results.map((r) => get(r, p)));
      const ratio = (q: "p50" | "p99") =>
        median(results.map((r) => (get(r, `app.${q}`) ?? 0) / (get(r, `raw.${q}`) ?? 1)));
      return {
        id,
        title: `search (C9) over a ${(m("messages") ?? s.g14.messages).toLocaleString("en")}-message organization (${d.provider}), 5 queries from common to rare words, in process`,
        figures: [
          { name: "the app's search (search()) p50 (ms)", values: { relais: (m("app.p50") ?? 0) / 1000 } },
          { name: "the app's search p99 (ms)", values: { relais: (m("app.p99") ?? 0) / 1000 } },
          {
            name: "the same statement raw on its own connection p50 (ms)",
            values: { relais: (m("raw.p50") ?? 0) / 1000 },
          },
          { name: "raw p99 (ms)", values: { relais: (m("raw.p99") ?? 0) / 1000 } },
          {
            name: "the app's search ÷ raw, p50",
            values: { relais: ratio("p50") },
            target: "≤ 1.5×",
            met: (v) => v.relais != null && v.relais <= 1.5,
          },
          {
            name: "the app's search ÷ raw, p99",
            values: { relais: ratio("p99") },
            target: "≤ 1.5×",
            met: (v) => v.relais != null && v.relais <= 1.5,
          },
        ],
        usage: [],
      };
    }
  }
}

function addValues(a: Partial<Record<TargetName, number | null>>, b: Partial<Record<TargetName, number | null>>) {
  return Object.fromEntries(Object.keys(a).map((k) => [k, (a[k as TargetName] ?? 0) + (b[k as TargetName] ?? 0)]));
}

// G12 and G13 need the production build and the whole server; they share one server start.
let pageServer: { t: Target; d: BenchDb } | null = null;
async function pages(ctx: Ctx, id: "G12" | "G13"): Promise<ScenarioReport> {
  const s = sizes(ctx.o);
  if (!pageServer) {
    const d = await ctx.main();
    step("start the whole Relais server (server/index.ts)");
    // G12's baseline page (app/bench-baseline) answers only in this server.
    const env = { BENCH_BASELINE_ROUTE: "1" };
    pageServer = { t: await startTarget("relais", ctx.o, d, { port: ctx.o.port + 40, server: "full", env }), d };
  }
  const { t, d } = pageServer;
  const cookie = d.fixture.cookies[d.fixture.pages.holder];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (p: string) =>
    new Promise<{ status: number; body: Buffer; ms: number }>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.get(`${t.urls[0]}${p}`, { agent, headers: { cookie, "accept-encoding": "identity" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - t0 }),
        );
      });
      req.on("error", reject);
    });
  if (id === "G13") {
    step("G13 · JavaScript of the dossier page");
    const page = await get(`/dossiers/${d.fixture.pages.small}`);
    if (page.status !== 200) throw new Error(`dossier page answered ${page.status}`);
    const html = page.body.toString();
    const srcs = [
      ...new Set(
        [...html.matchAll(/<script\b([^>]*)>/g)]
          .filter((m) => !/\bnomodule\b/i.test(m[1]))
          .map((m) => /\bsrc="([^"]+)"/.exec(m[1])?.[1])
          .filter((x): x is string => Boolean(x)),
      ),
    ];
    let gzip = 0;
    let rawBytes = 0;
    for (const src of srcs) {
      const r = await get(src.replace(/&amp;/g, "&"));
      rawBytes += r.body.length;
      gzip += zlib.gzipSync(r.body, { level: 9 }).length;
    }
    // Inline scripts (the RSC payload) are part of the HTML, not of the JS files: counted apart.
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
    return {
      id,
      title: "JavaScript files the dossier page loads (its <script src> tags, gzip -9)",
      figures: [
        {
          name: "JS, gzip (kB)",
          values: { relais: gzip / 1000 },
          target: "≤ 215 kB",
          met: (v) => v.relais != null && v.relais <= 215,
        },
        { name: "JS, uncompressed (kB)", values: { relais: rawBytes / 1000 } },
        { name: "script files", values: { relais: srcs.length } },
        {
          name: "inline scripts in the HTML, gzip (kB)",
          values: { relais: zlib.gzipSync(inline, { level: 9 }).length / 1000 },
        },
      ],
      usage: [],
    };
  }
  step("G12 · dossier page server response");
  const perRun: { small: number; big: number; baseline: number }[] = [];
  const paths = {
    small: `/dossiers/${d.fixture.pages.small}`,
    big: `/dossiers/${d.fixture.pages.big}`,
    // The minimal page of the same build: the session, one row, the same root layout.
    baseline: "/bench-baseline",
  };
  for (let run = 1; run <= ctx.o.runs; run++) {
    const times = { small: [] as number[], big: [] as number[], baseline: [] as number[] };
    const total = s.g12.warm + s.g12.it;
    for (let i = 0; i < total; i++) {
      for (const which of ["small", "big", "baseline"] as const) {
        const r = await get(paths[which]);
        if (r.status !== 200) throw new Error(`${paths[which]} answered ${r.status}`);
        if (which === "baseline" && !r.body.includes('data-testid="bench-baseline"'))
          throw new Error("the baseline page is not the bench's");
        if (i >= s.g12.warm) times[which].push(r.ms);
      }
      status(`run ${run}/${ctx.o.runs} · ${i + 1}/${total} requests of each`);
    }
    perRun.push({ small: median(times.small)!, big: median(times.big)!, baseline: median(times.baseline)! });
  }
  agent.destroy();
  const small = median(perRun.map((r) => r.small));
  const big = median(perRun.map((r) => r.big));
  const baseline = median(perRun.map((r) => r.baseline));
  return {
    id,
    title:
      "dossier page (conversation tab), server response time to the last byte, one request at a time, against a minimal page of the same build (session, one row, same layout)",
    figures: [
      { name: "p50, 50-message dossier (ms)", values: { relais: small } },
      { name: "p50, 10,000-message dossier (ms)", values: { relais: big } },
      { name: "p50, minimal page of the same build (ms)", values: { relais: baseline } },
      {
        name: "50-message dossier ÷ minimal page",
        values: { relais: median(perRun.map((r) => r.small / r.baseline)) },
        target: "≤ 2×",
        met: (v) => v.relais != null && v.relais <= 2,
      },
      {
        name: "10,000-message dossier ÷ minimal page",
        values: { relais: median(perRun.map((r) => r.big / r.baseline)) },
        target: "≤ 2×",
        met: (v) => v.relais != null && v.relais <= 2,
      },
      {
        name: "10,000 ÷ 50 messages",
        values: { relais: median(perRun.map((r) => r.big / r.small)) },
        target: "≤ 1.2×",
        met: (v) => v.relais != null && v.relais <= 1.2,
      },
    ],
    usage: [],
  };
}

// ─── main ───────────────────────────────────────────────────────────────────────────────────────
function machine() {
  const cpus = os.cpus();
  let commit = "";
  try {
    commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  } catch {
    // not a git checkout
  }
  return {
    nproc: os.availableParallelism(),
    cpu: cpus[0]?.model ?? "?",
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    commit,
    load: os.loadavg(),
  };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const needsTargets = o.only.filter((s) => !["G8", "G11", "G12", "G13", "G14"].includes(s)).length;
  const g8 = sizes(o).g8.variants;
  const g8Steps = o.only.includes("G8")
    ? g8.reduce((n, _v, i) => n + (i === 0 ? o.targets.length : o.targets.filter((t) => t !== "ws").length), 0)
    : 0;
  const pagesCount = o.only.filter((s) => s === "G12" || s === "G13").length;
  const dbSteps = (o.only.some((s) => s !== "G8") ? 1 : 0) + (o.only.includes("G8") && o.db === "sqlite" ? 1 : 0);
  stepTotal =
    needsTargets * o.targets.length +
    g8Steps +
    (o.only.includes("G11") ? 1 : 0) +
    (o.only.includes("G14") ? 1 : 0) +
    (pagesCount ? 1 + pagesCount : 0) +
    dbSteps;
  const m = machine();
  say(
    `Relais bench · ${o.only.join(", ")} · ${o.smoke ? "smoke" : o.quick ? "quick" : "full"} · ${o.runs} run(s) · server ${o.server} · ${o.db} · ${m.nproc} cores · load ${m.load.map((x) => x.toFixed(1)).join(" ")}`,
  );
  const s = sizes(o);
  const dbs = new Map<string, Promise<BenchDb>>();
  const once = (p: "sqlite" | "postgres") => {
    if (!dbs.has(p)) {
      step(`database: fresh ${p}, seeded (${s.users} users, a 10,000-message dossier)`);
      dbs.set(p, createDb(p, s.users));
    }
    return dbs.get(p)!;
  };
  let tagN = 0;
  const ctx: Ctx = {
    o,
    sqlite: () => once("sqlite"),
    postgres: () => once("postgres"),
    main: () => once(o.db),
    tag: () => `b${Date.now().toString(36)}${tagN++}`,
  };
  const reports: ScenarioReport[] = [];
  const failures: string[] = [];
  const mode = o.smoke ? "smoke" : o.quick ? "quick" : "full";
  const written = o.quick
    ? [path.join(o.out, "raw", o.smoke ? "smoke.md" : "quick.md")]
    : [path.join(o.out, "latest.md"), path.join(o.out, `${m.date.slice(0, 16).replace(/[T:]/g, "-")}.md`)];
  fs.mkdirSync(path.join(o.out, "raw"), { recursive: true });
  /** Written after every scenario, so that a run cut short still leaves the table of what it measured. */
  const write = (done: boolean) => {
    const order = (id: string) => SCENARIOS.indexOf(id as ScenarioId);
    const input: ReportInput = {
      machine: { ...m, loadAfter: os.loadavg() },
      options: { mode, runs: o.runs, server: o.server, db: o.db, only: o.only },
      scenarios: [...reports].sort((a, b) => order(a.id) - order(b.id)),
      failures: done
        ? failures
        : [
            ...failures,
            `still running: ${o.only.filter((id) => !reports.some((r) => r.id === id) && !failures.some((f) => f.startsWith(`${id}:`))).join(", ")}`,
          ],
      seconds: (performance.now() - started) / 1000,
    };
    const md = formatReport(input);
    for (const f of written) fs.writeFileSync(f, md);
    // Every figure of every run, for whoever wants more than the table (bench/results/raw is not committed).
    fs.writeFileSync(
      path.join(o.out, "raw", `last-${mode}.json`),
      JSON.stringify({ ...input, runs: rawRuns }, (_k, v) => (typeof v === "function" ? undefined : v), 2),
    );
    return md;
  };
  try {
    for (const id of o.only) {
      try {
        const r = await scenario(ctx, id);
        reports.push(r);
        say(
          `✓ ${id}: ${r.figures[0].name} = ${fmt(r.figures[0].values.relais)} (Relais)${r.figures[0].values.socketio != null ? `, ${fmt(r.figures[0].values.socketio)} (Socket.IO), ${fmt(r.figures[0].values.ws)} (ws)` : ""}`,
        );
      } catch (e) {
        failures.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
        say(`✗ ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      write(false);
    }
  } finally {
    await pageServer?.t.stop();
    for (const p of dbs.values()) await (await p.catch(() => null))?.drop();
  }
  const md = write(true);
  say(`\n${md}`);
  say(`written: ${written.map((f) => path.relative(root, f)).join(", ")} (${clock()})`);
  process.exit(failures.length ? 1 : 0);
}

await main();
