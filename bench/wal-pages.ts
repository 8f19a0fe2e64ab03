// Pages a send writes to SQLite's WAL, one at a time and 50 at a time: a count, not a time, so it is the
// same on a busy machine and a quiet one (issue 18: each page is a frame header and a page written to
// the WAL, then copied back by the checkpointer), and for a lone send which table or index each page
// belongs to (SQLite's dbstat). Usage: node --import tsx bench/wal-pages.ts
import fs from "node:fs";
import Database from "better-sqlite3";
import { useTestDatabase as freshDatabase } from "../server/test/db";
import { actor, makeWorld } from "../server/test/factories";
import { postMessage } from "../server/domain/conversation/service";

async function main() {
  process.env.RATE_LIMIT_FACTOR = "1000000";
  const t = await freshDatabase();
  if (t.provider !== "sqlite") throw new Error("SQLite only");
  const raw = new Database(t.url.replace(/^file:/, ""));
  const w = await makeWorld();
  const a = await actor(w.referent.id);
  let k = 0;
  const send = async () => {
    const r = await postMessage(a, {
      dossierId: w.dossier.id,
      clientId: `wal-${String(++k).padStart(8, "0")}`,
      body: `Bonjour, le dossier avance bien : message ${k}`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
  };
  for (let i = 0; i < 300; i++) await send();
  const frames = () => (raw.prepare("PRAGMA wal_checkpoint(PASSIVE)").get() as { log: number }).log;
  for (const together of [1, 50]) {
    const perSend: number[] = [];
    for (let round = 0; round < 15; round++) {
      // An empty WAL, restarted by the next commit; the checkpointer thread runs every 250 ms, so a
      // round that it interrupted (the WAL restarted under it) is dropped.
      raw.pragma("wal_checkpoint(TRUNCATE)");
      await send();
      const before = frames();
      const n = 50;
      if (together === 1) for (let i = 0; i < n; i++) await send();
      else await Promise.all(Array.from({ length: n }, send));
      const after = frames();
      if (after > before) perSend.push((after - before) / n);
    }
    perSend.sort((x, y) => x - y);
    console.log(
      `${together === 1 ? "one at a time" : `${together} at a time`}: ${perSend[perSend.length >> 1].toFixed(1)} WAL pages per send (median of ${perSend.length} rounds of 50)`,
    );
  }
  // A lone send's pages by B-tree: the frames' page numbers, read from the WAL file, through dbstat.
  const file = t.url.replace(/^file:/, "");
  const owner = raw.prepare(`SELECT name FROM dbstat WHERE pageno = ?`);
  const byTree = new Map<string, number>();
  const rounds = 40;
  for (let round = 0; round < rounds; round++) {
    // The e-mail and search passes of the sends before run first (0.5 s after them): their pages are theirs.
    await new Promise((resolve) => setTimeout(resolve, 800));
    raw.pragma("wal_checkpoint(TRUNCATE)");
    await send();
    const wal = fs.readFileSync(`${file}-wal`);
    const pageSize = wal.readUInt32BE(8);
    // A 32-byte header, then frames of a 24-byte header (page number first) and a page.
    for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
      const name = (owner.get(wal.readUInt32BE(at)) as { name: string } | undefined)?.name ?? "(free page)";
      byTree.set(name, (byTree.get(name) ?? 0) + 1);
    }
  }
  console.log(`a lone send's WAL pages by table or index (mean of ${rounds}):`);
  for (const [name, n] of [...byTree].sort((x, y) => y[1] - x[1])) console.log(`  ${(n / rounds).toFixed(2)}  ${name}`);
  raw.close();
  await t.cleanup();
}
void main();
