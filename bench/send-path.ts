// The send path in process, without sockets: N sends by one applicant, C at a time (C=1: one after
// the other). Usage: N=3000 C=50 node --import tsx bench/send-path.ts [RELAIS_TEST_PROVIDER=postgres]
import { useTestDatabase as freshDatabase } from "../server/test/db";
import { makeWorld, actor } from "../server/test/factories";
import { postMessage } from "../server/domain/conversation/service";
import { startHeapProfile, startProfile } from "./inspect";

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
  // RATE=<sends per second>: paced, one at a time, as the socket scenarios at low rates (G2: 20/s), where
  // a process's fixed costs (the checkpointer, timers) weigh on each send.
  const rate = Number(process.env.RATE ?? 0);
  const latencies: number[] = [];
  const run = async (n: number, prefix: string, paced = false) => {
    let next = 0;
    if (paced && rate > 0) {
      const t0 = performance.now();
      for (; next < n; next++) {
        const wait = t0 + (next * 1000) / rate - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const s0 = performance.now();
        await send(next, prefix);
        latencies.push(performance.now() - s0);
      }
      return;
    }
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (next < n) await send(next++, prefix);
      }),
    );
  };
  await run(300, "warm");
  (globalThis as { __sqlreset?: () => void }).__sqlreset?.();
  // PostgreSQL: the server's own CPU, read from /proc for the backends serving this database (same
  // machine), and the statements' round trips; for docs/capacity.md.
  const pgBackends = await postgresBackendCpu();
  const t0 = performance.now();
  const stopProfile = process.env.PROFILE
    ? await startProfile(process.env.PROFILE)
    : process.env.HEAP_PROFILE
      ? await startHeapProfile(process.env.HEAP_PROFILE)
      : null;
  const cpu0 = process.cpuUsage();
  await run(N, "m", true);
  const cpu = process.cpuUsage(cpu0);
  await stopProfile?.();
  const dt = performance.now() - t0;
  const pgCpu = pgBackends ? (await pgBackends()) / N : null;
  if (latencies.length) {
    latencies.sort((a, b) => a - b);
    const at = (q: number) => (latencies[Math.floor(q * (latencies.length - 1))] * 1000).toFixed(0);
    console.log(`paced send, call to commit: p50 ${at(0.5)} µs, p99 ${at(0.99)} µs`);
  }
  // CPU per send is steadier than wall time on a shared machine (issue 18).
  console.log(
    `${process.env.RELAIS_TEST_PROVIDER ?? "sqlite"}, ${C} at a time: ${((dt * 1000) / N).toFixed(0)} µs per send, ${((N / dt) * 1000).toFixed(0)}/s, CPU ${((cpu.user + cpu.system) / N).toFixed(0)} µs per send${pgCpu === null ? "" : `, PostgreSQL server CPU ${pgCpu.toFixed(0)} µs per send`}`,
  );
  await t.cleanup();
}
/** PostgreSQL on this machine: returns a function giving the CPU (µs) its backends for this database used since. */
async function postgresBackendCpu(): Promise<(() => Promise<number>) | null> {
  if (process.env.RELAIS_TEST_PROVIDER !== "postgres") return null;
  const fs = await import("node:fs");
  const { hot } = await import("../server/db");
  const tick = 1e6 / 100; // µs per clock tick (USER_HZ is 100 on Linux)
  const pids = async () =>
    (
      await hot().all<{ pid: number }>(
        {
          name: "bench.backends",
          sqlite: "",
          postgres: `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
        },
        [],
      )
    ).map((r) => Number(r.pid));
  const cpuOf = (pid: number) => {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return (Number(f[11]) + Number(f[12])) * tick;
    } catch {
      return 0;
    }
  };
  const before = new Map((await pids()).map((p) => [p, cpuOf(p)]));
  return async () => (await pids()).reduce((sum, p) => sum + cpuOf(p) - (before.get(p) ?? 0), 0);
}

void main();
