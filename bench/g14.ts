// G14, in its own process: search (C9, server/domain/search) over an organization of MESSAGES messages
// (100,000 in a full run) against the same full-text statement run raw on a connection of its own, with
// the same parameters, alternating blocks so that drift (other load on the machine) hits both alike.
// The organization is added to the bench database on first use: DOSSIERS dossiers, a staff member who
// may see them all (the searcher), and messages written from a vocabulary whose word frequencies fall
// off like a language's (a few words in a third of the messages, most in a handful), so that the
// queries range from "matches tens of thousands" to "matches a few".
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFile } from "../scripts/db.mjs";
import { actorById } from "../server/auth/actor";
import { closeDb, db, dbReady } from "../server/db";
import { env } from "../server/env";
import { indexForSearch } from "./conversation";
import { RESULT_LIMIT, search } from "../server/domain/search/service";
import { SEARCH } from "../server/domain/search/queries";
import { ftsQuery, tsQuery, words } from "../server/domain/search/terms";

type Config = { messages: number; warmup: number; iterations: number };
const cfg = JSON.parse(process.env.BENCH_CONFIG ?? "{}") as Config;
const DOSSIERS = 100;
const SLUG = "bench-g14";

/** A small deterministic generator (mulberry32): the same organization on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// French-looking words (accents included: the index folds them), 3,000 of them, most frequent first.
const SYLLABLES = [
  "ba",
  "ché",
  "ton",
  "ri",
  "mè",
  "lu",
  "dos",
  "sier",
  "fac",
  "tu",
  "re",
  "con",
  "trat",
  "vé",
  "plan",
  "gé",
  "nor",
  "pa",
  "ssé",
  "min",
];
function vocabulary(n: number): string[] {
  const next = random(7);
  const out = new Set<string>();
  while (out.size < n) {
    const len = 2 + Math.floor(next() * 3);
    let w = "";
    for (let i = 0; i < len; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    out.add(w);
  }
  return [...out];
}
const VOCABULARY = vocabulary(3000);
/** Word of rank r is drawn about 1/r as often as the first (Zipf). */
function zipfPicker(next: () => number) {
  const weights = VOCABULARY.map((_, r) => 1 / (r + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  return () => {
    const u = next();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return VOCABULARY[lo];
  };
}

async function seed(count: number): Promise<string> {
  const client = db();
  const existing = await client.organization.findFirst({ where: { slug: SLUG }, select: { id: true } });
  const searcher = "bench-g14-staff";
  if (existing) return searcher;
  const org = await client.organization.create({ data: { name: "Bench search", slug: SLUG } });
  await client.user.createMany({
    data: [
      { id: searcher, name: "Search staff", email: "g14-staff@bench.test" },
      { id: "bench-g14-author", name: "Search author", email: "g14-author@bench.test" },
    ],
  });
  await client.membership.create({ data: { organizationId: org.id, userId: searcher, role: "staff" } });
  const dossiers = Array.from({ length: DOSSIERS }, (_, i) => ({
    id: `bench-g14-d-${i}`,
    organizationId: org.id,
    title: `Dossier de recherche ${i}`,
  }));
  await client.dossier.createMany({ data: dossiers });
  const next = random(42);
  const pick = zipfPicker(next);
  const start = Date.now() - count * 1000;
  const perDossier = Math.ceil(count / DOSSIERS);
  const CHUNK = 2000;
  for (let i = 0; i < count; i += CHUNK) {
    const rows = [];
    for (let j = i; j < Math.min(count, i + CHUNK); j++) {
      const len = 8 + Math.floor(next() * 12);
      const body = Array.from({ length: len }, pick).join(" ");
      const d = j % DOSSIERS;
      rows.push({
        id: `bench-g14-m-${j}`,
        dossierId: dossiers[d].id,
        authorId: "bench-g14-author",
        clientId: `bench-g14-${j}`,
        body,
        seq: Math.floor(j / DOSSIERS) + 1,
        createdAt: new Date(start + j * 1000),
      });
    }
    await client.message.createMany({ data: rows });
    process.send?.({
      type: "progress",
      text: `seeding the search organization: ${Math.min(count, i + CHUNK)}/${count} messages`,
    });
  }
  await client.dossier.updateMany({ where: { organizationId: org.id }, data: { seq: perDossier } });
  return searcher;
}

function stats(values: number[]) {
  const a = [...values].sort((x, y) => x - y);
  return { p50: a[Math.floor(a.length / 2)], p99: a[Math.min(a.length - 1, Math.ceil(a.length * 0.99) - 1)] };
}

async function main() {
  const e = env();
  await dbReady();
  const searcher = await seed(cfg.messages);
  // SQLite indexes new messages in batches (server/domain/search/indexer.ts): index them all now, so
  // that the raw statement, which does not index first, searches the same index as the app.
  process.send?.({ type: "progress", text: "indexing the search organization" });
  // and merge its segments as the indexer's passes would have, message after message (steady state).
  await indexForSearch();
  const actor = await actorById(searcher);
  if (!actor) throw new Error("no G14 searcher");
  // From the most frequent word (in about a third of the messages) to rare ones, and two words at once.
  const queries = [
    VOCABULARY[2],
    VOCABULARY[40],
    VOCABULARY[400],
    VOCABULARY[2500],
    `${VOCABULARY[8]} ${VOCABULARY[150]}`,
  ];

  let raw: (q: string) => Promise<unknown[]>;
  let closeRaw: () => Promise<void>;
  const postgres = e.provider === "postgres";
  if (!postgres) {
    const conn = new Database(sqliteFile(e.DATABASE_URL), { readonly: true });
    const stmt = conn.prepare(SEARCH.sqlite);
    raw = async (q) => stmt.all(ftsQuery(words(q)), actor.userId, actor.userId, RESULT_LIMIT);
    closeRaw = async () => void conn.close();
  } else {
    const pool = new pg.Pool({ connectionString: e.DATABASE_URL, max: 1 });
    raw = async (q) =>
      (
        await pool.query({
          name: "g14",
          text: SEARCH.postgres,
          values: [tsQuery(words(q)), actor.userId, actor.userId, RESULT_LIMIT],
        })
      ).rows;
    closeRaw = () => pool.end();
  }
  const app = async (q: string) => {
    const r = await search(actor, { q });
    if (!r.ok) throw new Error(`search refused: ${JSON.stringify(r.error)}`);
    return r.value.results;
  };
  // Both paths must find the same things, or the comparison means nothing.
  const matches: Record<string, number> = {};
  for (const q of queries) {
    const [a, b] = [await app(q), await raw(q)];
    if (a.length !== b.length || a.length === 0)
      throw new Error(`"${q}": the app found ${a.length}, raw SQL ${b.length}`);
    matches[q] = a.length;
  }

  const times = { app: [] as number[], raw: [] as number[] };
  const block = 10;
  for (let done = -cfg.warmup; done < cfg.iterations; done += block) {
    for (const [name, fn] of [
      ["app", app],
      ["raw", raw],
    ] as const) {
      for (let i = 0; i < block; i++) {
        const q = queries[(done + i + cfg.warmup) % queries.length];
        const t = performance.now();
        await fn(q);
        if (done >= 0) times[name].push((performance.now() - t) * 1000);
      }
    }
    process.send?.({ type: "progress", text: `${Math.max(0, done + block)}/${cfg.iterations} searches of each` });
  }
  const total = await db().message.count({ where: { dossierId: { startsWith: "bench-g14-" } } });
  await closeRaw();
  await closeDb();
  process.send?.({
    type: "result",
    result: {
      app: stats(times.app),
      raw: stats(times.raw),
      count: times.app.length,
      messages: total,
      queries,
      matches,
      provider: e.provider,
    },
  });
}

main().then(
  () => setTimeout(() => process.exit(0), 50),
  (err: unknown) => {
    process.send?.({ type: "error", error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    setTimeout(() => process.exit(1), 50);
  },
);
