// CPU per call of Prisma's query builder, for comparing two Prisma versions on the same machine (issue
// 11, point 5). Runs the generated client and driver adapter of another checkout when PRISMA_ROOT
// names it (e.g. a tree still on Prisma 6.19.3), else this one's.
//   node --import tsx bench/prisma-cpu.ts sqlite|postgres [rounds]
// A fresh database (a temporary SQLite file, or a new PostgreSQL database dropped afterwards) gets a
// 10,000-message dossier; then, alternating in rounds: the newest 50 messages with their authors
// (findMany, as G11), one message created in an interactive transaction, the same in an array
// $transaction, and the same read and insert as a reused prepared statement on a driver connection of
// its own (the floor). process.cpuUsage() (user + system) over each block, divided by its calls. One
// JSON line per round, then the medians.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { migrate } from "../scripts/db.mjs";

const provider = process.argv[2] === "postgres" ? "postgres" : "sqlite";
const rounds = Number(process.argv[3] ?? 7);
const READS = Number(process.env.READS ?? 1000);
const WRITES = Number(process.env.WRITES ?? 300);
const root = path.resolve(process.env.PRISMA_ROOT ?? path.join(import.meta.dirname, ".."));
const from = (p: string) => pathToFileURL(path.join(root, p)).href;

// Either version's generated client, loaded at run time: only what this uses.
type Delegate = {
  create(args: unknown): Promise<{ id: string }>;
  createMany(args: unknown): Promise<unknown>;
  findMany(args: unknown): Promise<unknown[]>;
};
type AnyClient = {
  $queryRawUnsafe(q: string): Promise<unknown>;
  $transaction(x: unknown): Promise<unknown>;
  $disconnect(): Promise<void>;
  organization: Delegate;
  user: Delegate;
  dossier: Delegate;
  message: Delegate;
};

async function main() {
  const name = `relais_b_${crypto.randomBytes(5).toString("hex")}`;
  const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const pgMod = (await import(from("node_modules/pg/lib/index.js"))).default;
  let url: string;
  let drop: () => Promise<void>;
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-bench-"));
    url = `file:${path.join(dir, `${name}.db`)}`;
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = new pgMod.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const a = new pgMod.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  await migrate(url);

  const version = JSON.parse(fs.readFileSync(path.join(root, "node_modules/@prisma/client/package.json"), "utf8"))
    .version as string;
  const { PrismaClient } = await import(from(`server/db/generated/${provider}/client.ts`));
  let client: AnyClient;
  let floorRead: (dossierId: string) => Promise<unknown>;
  let floorInsert: (row: unknown[]) => Promise<unknown>;
  let closeFloor: () => Promise<void>;
  let closePool = async () => {};
  if (provider === "sqlite") {
    const mod = await import(from("node_modules/@prisma/adapter-better-sqlite3/dist/index.mjs"));
    const Factory = mod.PrismaBetterSqlite3 ?? mod.PrismaBetterSQLite3;
    client = new PrismaClient({ adapter: new Factory({ url, timeout: 5000 }) });
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    const Database = (await import(from("node_modules/better-sqlite3/lib/index.js"))).default;
    const conn = new Database(url.replace(/^file:/, ""));
    conn.pragma("journal_mode = WAL");
    conn.pragma("synchronous = NORMAL");
    const read = conn.prepare(
      `SELECT m.id, m.dossierId, m.clientId, m.seq, m.body, m.createdAt, u.id AS authorId, u.name, u.email
       FROM Message m JOIN User u ON u.id = m.authorId WHERE m.dossierId = ? ORDER BY m.seq DESC LIMIT 50`,
    );
    const insert = conn.prepare(
      `INSERT INTO Message (id, dossierId, authorId, clientId, body, seq, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const tx = conn.transaction((row: unknown[]) => insert.run(...row));
    floorRead = async (d) => read.all(d);
    floorInsert = async (row) => tx(row);
    closeFloor = async () => void conn.close();
  } else {
    const { PrismaPg } = await import(from("node_modules/@prisma/adapter-pg/dist/index.mjs"));
    const pool = new pgMod.Pool({ connectionString: url, max: 10 });
    client = new PrismaClient({ adapter: new PrismaPg(pool) });
    closePool = () => pool.end();
    const own = new pgMod.Client({ connectionString: url });
    await own.connect();
    floorRead = (d) =>
      own.query({
        name: "r",
        text: `SELECT m.id, m."dossierId", m."clientId", m.seq, m.body, m."createdAt", u.id AS "authorId", u.name, u.email
           FROM "Message" m JOIN "User" u ON u.id = m."authorId" WHERE m."dossierId" = $1 ORDER BY m.seq DESC LIMIT 50`,
        values: [d],
      });
    floorInsert = async (row) => {
      await own.query("BEGIN");
      await own.query({
        name: "i",
        text: `INSERT INTO "Message" (id, "dossierId", "authorId", "clientId", body, seq, "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        values: row,
      });
      await own.query("COMMIT");
    };
    closeFloor = () => own.end();
  }

  // Data: one organization, one author, one dossier of 10,000 messages.
  const org = await client.organization.create({ data: { name: "Bench", slug: `bench-${name}` } });
  const user = await client.user.create({ data: { name: "Author", email: `author@${name}.test` } });
  const dossier = await client.dossier.create({ data: { organizationId: org.id, title: "Big" } });
  const t0 = Date.now() - 10_000_000;
  for (let i = 0; i < 10_000; i += 500)
    await client.message.createMany({
      data: Array.from({ length: 500 }, (_, k) => ({
        dossierId: dossier.id,
        authorId: user.id,
        clientId: `seed-${i + k}`,
        body: `Message ${i + k}: ${"lorem ipsum ".repeat(6)}`,
        seq: i + k + 1,
        createdAt: new Date(t0 + (i + k) * 1000),
      })),
    });
  let seq = 10_000;
  let n = 0;

  const read = () =>
    client.message.findMany({
      where: { dossierId: dossier.id },
      orderBy: { seq: "desc" },
      take: 50,
      select: {
        id: true,
        dossierId: true,
        clientId: true,
        seq: true,
        body: true,
        createdAt: true,
        author: { select: { id: true, name: true, email: true } },
      },
    });
  const data = () => ({
    dossierId: dossier.id,
    authorId: user.id,
    clientId: `c-${++n}`,
    body: "a new message",
    seq: ++seq,
  });
  const createInteractive = () =>
    client.$transaction((tx: AnyClient) => tx.message.create({ data: data(), select: { id: true } }));
  const createArray = () => client.$transaction([client.message.create({ data: data(), select: { id: true } })]);
  const rawRead = () => floorRead(dossier.id);
  const rawInsert = () => {
    const d = data();
    return floorInsert([
      `raw-${n}`,
      d.dossierId,
      d.authorId,
      d.clientId,
      d.body,
      d.seq,
      provider === "sqlite" ? new Date().toISOString().replace("Z", "+00:00") : new Date(),
    ]);
  };

  const ops: Array<[string, () => Promise<unknown>, number]> = [
    ["findMany50", read, READS],
    ["rawRead50", rawRead, READS],
    ["createInTx", createInteractive, WRITES],
    ["createArrayTx", createArray, WRITES],
    ["rawInsertTx", rawInsert, WRITES],
  ];
  const sample = (await read()) as unknown[];
  if (sample.length !== 50) throw new Error("expected 50 rows");

  const cpuUs = async (fn: () => Promise<unknown>, calls: number) => {
    const c = process.cpuUsage();
    for (let i = 0; i < calls; i++) await fn();
    const d = process.cpuUsage(c);
    return (d.user + d.system) / calls;
  };
  // Warm-up: JIT, the query-plan cache, prepared statements on the server.
  for (const [, fn, calls] of ops) await cpuUs(fn, Math.ceil(calls / 4));

  const per: Record<string, number[]> = Object.fromEntries(ops.map(([k]) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    const line: Record<string, number> = {};
    for (const [k, fn, calls] of ops) {
      line[k] = Math.round(await cpuUs(fn, calls));
      per[k].push(line[k]);
    }
    console.log(JSON.stringify({ round: r + 1, ...line }));
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const result = { prisma: version, provider, rounds, ...Object.fromEntries(ops.map(([k]) => [k, median(per[k])])) };
  console.log(`RESULT ${JSON.stringify(result)}`);

  await client.$disconnect();
  await closePool();
  await closeFloor();
  await drop();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
