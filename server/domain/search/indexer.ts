// C9 on SQLite: moves what prisma/sqlite/triggers.sql queued into the search index: new messages by id
// ("MessageSearchPending") get their "SearchEntry" row, and new entries ("SearchPending") go into the
// FTS5 index. Written with each change, they cost a lone send 9 of its 29 WAL pages (FTS5 writes a new
// segment at every commit) (issue 18); here a batch of entries shares them. It runs shortly after changes (scheduled by the
// dossier pipeline) and before every search, so a search still finds everything committed before it.
// PostgreSQL needs none of this: its tsvector column is kept by the row's own trigger, and its GIN
// index already defers its work (fastupdate).
import { hot } from "../../db";
import { batchedPass } from "../../db/batches";
import { sql } from "../../db/hot";
import { env } from "../../env";

/** Entries per transaction: small enough that a batch never holds the writer for long (G5's ack p99). */
export const INDEX_BATCH = 200;
/**
 * How long after a change the queue is indexed: changes arriving meanwhile share the batch. At 20 sends
 * a second, 100 ms meant a batch (a transaction and an FTS5 segment) every two or three sends.
 */
const DELAY_MS = 1000;
/** Once a batch's worth of changes is queued (a burst), or after a full batch, the next one comes at once, after the sends already waiting. */
const BURST_DELAY_MS = 5;

const ANY_PENDING = sql(
  "search.anyPending",
  `SELECT EXISTS (SELECT 1 FROM "SearchPending") OR EXISTS (SELECT 1 FROM "MessageSearchPending") AS "any"`,
);
// Messages queued by id (triggers.sql) get their entry first, which queues the entry for the index.
const LAST_MESSAGE_OF_BATCH = sql(
  "search.lastMessageOfBatch",
  `SELECT MAX("messageId") AS "last" FROM (SELECT "messageId" FROM "MessageSearchPending" ORDER BY "messageId" LIMIT ?)`,
);
const ENTER_MESSAGES = sql(
  "search.enterMessages",
  // OR IGNORE: an entry that a backfill (the search migration run again) made already stays as it is.
  `INSERT OR IGNORE INTO "SearchEntry" ("kind", "refId", "dossierId", "seq", "text", "at")
   SELECT 'message', m."id", m."dossierId", m."seq", m."body", m."createdAt"
   FROM "MessageSearchPending" p JOIN "Message" m ON m."id" = p."messageId"
   WHERE p."messageId" <= ? ORDER BY p."messageId"`,
);
const DEQUEUE_MESSAGES = sql("search.dequeueMessages", `DELETE FROM "MessageSearchPending" WHERE "messageId" <= ?`);
const INDEX_PENDING = sql(
  "search.indexPending",
  `INSERT INTO "SearchIndex" ("rowid", "text")
   SELECT e."id", e."text" FROM "SearchPending" p JOIN "SearchEntry" e ON e."id" = p."entryId"
   WHERE p."entryId" <= ? ORDER BY p."entryId"`,
);
const LAST_OF_BATCH = sql(
  "search.lastOfBatch",
  `SELECT MAX("entryId") AS "last", COUNT(*) AS "n"
   FROM (SELECT "entryId" FROM "SearchPending" ORDER BY "entryId" LIMIT ?)`,
);
const DEQUEUE = sql("search.dequeue", `DELETE FROM "SearchPending" WHERE "entryId" <= ?`);

const sqlite = () => env().provider === "sqlite";

async function anyPending(): Promise<boolean> {
  const row = await hot().get<{ any: number | bigint }>(ANY_PENDING, []);
  return !!row && Number(row.any) !== 0;
}

/** Indexes up to INDEX_BATCH queued entries in one transaction; returns how many. */
async function indexBatch(): Promise<number> {
  // A read first: most changes queue nothing, and a read does not take the write lock.
  if (!(await anyPending())) return 0;
  return hot().transaction(async (q) => {
    const messages = await q.get<{ last: string | null }>(LAST_MESSAGE_OF_BATCH, [INDEX_BATCH]);
    if (messages?.last) {
      await q.run(ENTER_MESSAGES, [messages.last]);
      await q.run(DEQUEUE_MESSAGES, [messages.last]);
    }
    const batch = await q.get<{ last: number | bigint | null; n: number | bigint }>(LAST_OF_BATCH, [INDEX_BATCH]);
    if (!batch || batch.last === null) return 0;
    await q.run(INDEX_PENDING, [batch.last]);
    await q.run(DEQUEUE, [batch.last]);
    return Number(batch.n);
  });
}

// FTS5 keeps its index as segments and merges them. Left to itself (automerge) it merges in quanta:
// every 64 leaf pages written it merges 64 pages per level of the index, 20–30 ms at once on a busy
// index, and that stall held every send queued behind it (G5's longest stalls and ack p99, issue 18;
// bench/README.md, tenth pass). The migration turns automerge off, and each pass merges in small steps
// instead, each its own transaction, so the sends that arrive meanwhile commit between two steps.
/** Pages one merge step writes at most: about 1–5 ms. */
export const MERGE_PAGES = 32;
/** Steps per pass at most; what is left waits for the next pass (segments only slow searches a little). */
const MERGE_STEPS = 16;
// 'merge' with a positive N merges only where a level holds 4 segments or more (usermerge).
const MERGE_STEP = sql("search.mergeStep", `INSERT INTO "SearchIndex" ("SearchIndex", "rank") VALUES ('merge', ?)`);
// The step's writes go to FTS5's own tables: only total_changes() counts them.
const TOTAL_CHANGES = sql("search.totalChanges", `SELECT total_changes() AS "n"`);

/** One merge step; false when there was nothing to merge (FTS5: fewer than 2 changes means a no-op). */
async function mergeStep(): Promise<boolean> {
  return hot().transaction(async (q) => {
    const before = await q.get<{ n: number | bigint }>(TOTAL_CHANGES, []);
    await q.run(MERGE_STEP, [MERGE_PAGES]);
    const after = await q.get<{ n: number | bigint }>(TOTAL_CHANGES, []);
    return Number(after!.n) - Number(before!.n) >= 2;
  });
}

/** Merges the index's segments, a step at a time, until nothing is left to merge or the pass's steps are spent. */
export async function mergeSearchIndex(steps = MERGE_STEPS): Promise<void> {
  if (!sqlite()) return;
  for (let i = 0; i < steps && (await mergeStep()); i++);
}

/** Indexes everything queued (before a search); the segments it wrote are merged by a pass soon after, off the search's path. */
export async function indexPendingSearch(): Promise<void> {
  if (!sqlite()) return;
  let indexed = 0;
  for (;;) {
    const n = await indexBatch();
    indexed += n;
    if (n < INDEX_BATCH) break;
  }
  if (indexed > 0) schedule();
}

/** A change was committed: index its entries soon, together with those of the changes that follow. */
const schedule = batchedPass("search", {
  run: async () => {
    const n = await indexBatch();
    // Also when a search indexed the queue first: its segments are merged here.
    await mergeSearchIndex();
    return n;
  },
  batch: INDEX_BATCH,
  delayMs: DELAY_MS,
  burstDelayMs: BURST_DELAY_MS,
  name: "search indexing",
});

export function scheduleSearchIndexing(): void {
  if (sqlite()) schedule();
}
