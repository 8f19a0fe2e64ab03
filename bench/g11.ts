// G11, in its own process: the newest 50 messages of a 10,000-message dossier, three ways building the
// same objects: the app's own read (latestMessages: a prepared statement on Prisma's connection,
// server/db/hot.ts), the same read through Prisma's query builder (what the app did before), and raw
// SQL on a connection of its own. Alternating blocks of each so that drift (other load on the machine)
// hits all alike.
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFile } from "../scripts/db.mjs";
import { actorById } from "../server/auth/actor";
import { latestMessages } from "../server/domain/conversation/service";
import { messagesBefore, rowToView } from "../server/domain/conversation/queries";
import { dossierAccess } from "../server/domain/dossier/policy";
import { closeDb, db, dbReady } from "../server/db";
import { env } from "../server/env";
import type { MessageView } from "../server/realtime/contract";

type Config = { dossierId: string; holder: string; warmup: number; iterations: number };
const cfg = JSON.parse(process.env.BENCH_CONFIG ?? "{}") as Config;

type Row = {
  id: string;
  dossierId: string;
  clientId: string;
  seq: number;
  body: string;
  createdAt: string | number | Date;
  authorId: string;
  name: string | null;
  email: string;
};
const SQL_SQLITE = `SELECT m.id, m.dossierId, m.clientId, m.seq, m.body, m.createdAt, u.id AS authorId, u.name, u.email
  FROM Message m JOIN User u ON u.id = m.authorId WHERE m.dossierId = ? ORDER BY m.seq DESC LIMIT 50`;
const SQL_PG = `SELECT m.id, m."dossierId", m."clientId", m.seq, m.body, m."createdAt", u.id AS "authorId", u.name, u.email
  FROM "Message" m JOIN "User" u ON u.id = m."authorId" WHERE m."dossierId" = $1 ORDER BY m.seq DESC LIMIT 50`;

// C8: an older page by seq (keyset), in the middle of the dossier; one row more than shown, as the
// service asks (it tells whether older pages remain).
const OLDER_SQLITE = `SELECT m.id, m.dossierId, m.clientId, m.seq, m.body, m.createdAt, u.id AS authorId, u.name, u.email
  FROM Message m JOIN User u ON u.id = m.authorId WHERE m.dossierId = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT 51`;
const OLDER_PG = `SELECT m.id, m."dossierId", m."clientId", m.seq, m.body, m."createdAt", u.id AS "authorId", u.name, u.email
  FROM "Message" m JOIN "User" u ON u.id = m."authorId" WHERE m."dossierId" = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT 51`;

const toView = (r: Row): MessageView => ({
  id: r.id,
  dossierId: r.dossierId,
  clientId: r.clientId,
  seq: r.seq,
  body: r.body,
  createdAt: new Date(r.createdAt).toISOString(),
  author: { id: r.authorId, name: r.name ?? r.email },
});

function median(values: number[]) {
  const a = [...values].sort((x, y) => x - y);
  return { p50: a[Math.floor(a.length / 2)], p99: a[Math.min(a.length - 1, Math.ceil(a.length * 0.99) - 1)] };
}

async function main() {
  const e = env();
  await dbReady();
  const actor = await actorById(cfg.holder);
  const access = actor && (await dossierAccess(actor, cfg.dossierId));
  if (!access) throw new Error("no access to the G11 dossier");

  const mid = Math.floor(access.seq / 2);
  let raw: () => Promise<MessageView[]>;
  let rawOlder: () => Promise<MessageView[]>;
  let closeRaw: () => Promise<void>;
  if (e.provider === "sqlite") {
    const conn = new Database(sqliteFile(e.DATABASE_URL), { readonly: true });
    const stmt = conn.prepare(SQL_SQLITE);
    const older = conn.prepare(OLDER_SQLITE);
    raw = async () => (stmt.all(cfg.dossierId) as Row[]).reverse().map(toView);
    rawOlder = async () => (older.all(cfg.dossierId, mid) as Row[]).slice(0, 50).reverse().map(toView);
    closeRaw = async () => void conn.close();
  } else {
    const pool = new pg.Pool({ connectionString: e.DATABASE_URL, max: 1 });
    raw = async () =>
      (await pool.query<Row>({ name: "g11", text: SQL_PG, values: [cfg.dossierId] })).rows.reverse().map(toView);
    rawOlder = async () =>
      (await pool.query<Row>({ name: "g11older", text: OLDER_PG, values: [cfg.dossierId, mid] })).rows
        .slice(0, 50)
        .reverse()
        .map(toView);
    closeRaw = () => pool.end();
  }
  // The messages of olderMessages (C8): its statement and its objects, without the page's other reads.
  const appOlder = async () =>
    (await messagesBefore(cfg.dossierId, mid, 51))
      .slice(0, 50)
      .reverse()
      .map((r) => rowToView(cfg.dossierId, r));
  const app = () => latestMessages(access, 50);
  const orm = async () =>
    (
      await db().message.findMany({
        where: { dossierId: cfg.dossierId },
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
      })
    )
      .reverse()
      .map((m) => toView({ ...m, authorId: m.author.id, name: m.author.name, email: m.author.email }));

  // Every path must answer the same thing, or the comparison means nothing.
  const [a, b, c] = [await app(), await orm(), await raw()];
  if (a.length !== 50 || JSON.stringify(a) !== JSON.stringify(c) || JSON.stringify(b) !== JSON.stringify(c))
    throw new Error("the three reads disagree");
  const [o1, o2] = [await appOlder(), await rawOlder()];
  if (o1.length !== 50 || JSON.stringify(o1) !== JSON.stringify(o2)) throw new Error("the older-page reads disagree");

  const times = {
    app: [] as number[],
    orm: [] as number[],
    raw: [] as number[],
    appOlder: [] as number[],
    rawOlder: [] as number[],
  };
  const block = 50;
  for (let done = -cfg.warmup; done < cfg.iterations; done += block) {
    for (const [name, fn] of [
      ["app", app],
      ["orm", orm],
      ["raw", raw],
      ["appOlder", appOlder],
      ["rawOlder", rawOlder],
    ] as const) {
      for (let i = 0; i < block; i++) {
        const t = performance.now();
        await fn();
        if (done >= 0) times[name].push((performance.now() - t) * 1000);
      }
    }
    process.send?.({ type: "progress", text: `${Math.max(0, done + block)}/${cfg.iterations} reads of each` });
  }
  await closeRaw();
  await closeDb();
  const result = {
    app: median(times.app),
    orm: median(times.orm),
    raw: median(times.raw),
    appOlder: median(times.appOlder),
    rawOlder: median(times.rawOlder),
    count: times.app.length,
    provider: e.provider,
  };
  process.send?.({ type: "result", result });
}

main().then(
  () => setTimeout(() => process.exit(0), 50),
  (err: unknown) => {
    process.send?.({ type: "error", error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    setTimeout(() => process.exit(1), 50);
  },
);
