// What a pause between two sends costs the next one (issue 18, fifteenth pass). G1 sends every 10 ms,
// G2 every 50 ms: each send starts after a gap. Times, in process, the access check (one prepared
// statement), a whole send and a pure-JavaScript control (the event's JSON, 20 times) after gaps of
// 0 to 20 ms, the gap slept (the thread idles) or spun (the thread stays busy on a tiny loop).
// Usage: node --import tsx bench/cold.ts   (ROUNDS=<per gap>, default 300)
import { useTestDatabase as freshDatabase } from "../server/test/db";
import { actor, makeWorld } from "../server/test/factories";
import { dossierAccess } from "../server/domain/dossier/policy";
import { postMessage } from "../server/domain/conversation/service";
import { median } from "./report";

const GAPS_MS = [0, 0.1, 1, 10, 20];
const ROUNDS = Number(process.env.ROUNDS ?? 300);

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function spin(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

async function main() {
  process.env.RATE_LIMIT_FACTOR = "1000000";
  const t = await freshDatabase();
  const w = await makeWorld();
  const sender = await actor(w.referent.id);
  const event = {
    dossierId: w.dossier.id,
    seq: 1,
    type: "message.created",
    payload: { id: "x", body: "bonjour ".repeat(10), author: { id: sender.userId, name: sender.name } },
  };
  let n = 0;
  const work = {
    "JSON ×20 (control)": async () => {
      for (let i = 0; i < 20; i++) JSON.stringify(event);
    },
    "access check (1 statement)": async () => void (await dossierAccess(sender, w.dossier.id)),
    "send (call to commit)": async () => {
      const r = await postMessage(sender, {
        dossierId: w.dossier.id,
        clientId: `cold-${n++}-xxxxxxxx`,
        body: "bonjour",
      });
      if (!r.ok) throw new Error(JSON.stringify(r));
    },
  };
  for (const fn of Object.values(work)) for (let i = 0; i < 200; i++) await fn();

  console.log(`median wall time per call (µs), ${ROUNDS} calls per cell; gap slept / spun`);
  console.log(["", ...GAPS_MS.map((g) => `${g} ms`)].join("\t"));
  for (const [name, fn] of Object.entries(work)) {
    const cells: string[] = [];
    for (const gap of GAPS_MS) {
      const cell: number[] = [];
      for (const mode of ["sleep", "spin"] as const) {
        const times: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          if (gap > 0) {
            if (mode === "sleep") await sleep(gap);
            else spin(gap);
          }
          const t0 = performance.now();
          await fn();
          times.push((performance.now() - t0) * 1000);
        }
        cell.push(median(times)!);
      }
      cells.push(cell.map((x) => x.toFixed(0)).join(" / "));
    }
    console.log([name, ...cells].join("\t"));
  }
  await t.cleanup();
}

void main();
