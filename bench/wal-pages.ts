// Pages a send writes to SQLite's WAL, one at a time and 50 at a time: a count, not a time, so it is the
// same on a busy machine and a quiet one (issue 18: each page is a frame header and a page written to
// the WAL, then copied back by the checkpointer). Usage: node --import tsx bench/wal-pages.ts
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
  raw.close();
  await t.cleanup();
}
void main();
