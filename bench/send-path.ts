// The send path in process, without sockets: N sends by one applicant, C at a time (C=1: one after
// the other). Usage: N=3000 C=50 node --import tsx bench/send-path.ts [RELAIS_TEST_PROVIDER=postgres]
import { useTestDatabase as freshDatabase } from "../server/test/db";
import { makeWorld, actor } from "../server/test/factories";
import { postMessage } from "../server/domain/conversation/service";

async function main() {
  // X4: one sender sends thousands of messages here on purpose.
  process.env.RATE_LIMIT_FACTOR = "1000000";
  const t = await freshDatabase();
  if (process.env.NO_SEARCH_TRIGGER === "1") {
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
    raw.exec(`DROP TRIGGER "Message_search_ai"`);
    raw.close();
  }
  const w = await makeWorld();
  const a = await actor(w.referent.id);
  const N = Number(process.env.N ?? 3000);
  const C = Number(process.env.C ?? 1);
  const send = async (i: number, prefix: string) => {
    const r = await postMessage(a, {
      dossierId: w.dossier.id,
      clientId: `${prefix}-${i}-xxxxxxxx`,
      body: `bonjour ${i}`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
  };
  const run = async (n: number, prefix: string) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (next < n) await send(next++, prefix);
      }),
    );
  };
  await run(300, "warm");
  (globalThis as { __sqlreset?: () => void }).__sqlreset?.();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await run(N, "m");
  const cpu = process.cpuUsage(cpu0);
  const dt = performance.now() - t0;
  // CPU per send is steadier than wall time on a shared machine (issue 18).
  console.log(
    `${process.env.RELAIS_TEST_PROVIDER ?? "sqlite"}, ${C} at a time: ${((dt * 1000) / N).toFixed(0)} µs per send, ${((N / dt) * 1000).toFixed(0)}/s, CPU ${((cpu.user + cpu.system) / N).toFixed(0)} µs per send`,
  );
  await t.cleanup();
}
void main();
