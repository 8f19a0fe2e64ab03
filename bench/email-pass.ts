// The pass that writes a message's notification e-mails (server/domain/notification/pending.ts), in
// process and alone: N messages are sent over D dossiers with the pass held, then the queue is drained
// by hand, in its batches, and timed (issue 18: in G5 the pass was a quarter of the main thread's busy
// time and its batches its longest stalls). Usage: N=4000 D=50 node --import tsx bench/email-pass.ts
import { db } from "../server/db";
import { useTestDatabase as freshDatabase } from "../server/test/db";
import { actor, makeDossier, makeWorld } from "../server/test/factories";
import { postMessage } from "../server/domain/conversation/service";
import { startProfile } from "./inspect";
import { EMAIL_BATCH, scheduleQueuedEmails, writeQueuedEmails } from "../server/domain/notification/pending";

async function main() {
  process.env.RATE_LIMIT_FACTOR = "1000000";
  const t = await freshDatabase();
  const w = await makeWorld();
  const N = Number(process.env.N ?? 4000);
  const D = Number(process.env.D ?? 50);
  // Each dossier: its applicant sends, its holder advisor is notified (as in G5).
  const dossiers = [w.dossier];
  for (let i = 1; i < D; i++)
    dossiers.push(
      await makeDossier(w.org.id, [
        { userId: w.referent.id, role: "referent" },
        { userId: w.advisor.id, role: "advisor", holder: true },
      ]),
    );
  const sender = await actor(w.referent.id);
  const release = scheduleQueuedEmails.hold();
  const rounds: { cpu: number; wall: number }[] = [];
  let sent = 0;
  for (let round = 0; round < Number(process.env.ROUNDS ?? 5); round++) {
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        postMessage(sender, {
          dossierId: dossiers[i % D].id,
          clientId: `pass-${round}-${String(i).padStart(6, "0")}`,
          body: `Bonjour, voici les pièces demandées pour le dossier, message ${sent + i}`,
        }).then((r) => {
          if (!r.ok) throw new Error(JSON.stringify(r));
        }),
      ),
    );
    sent += N;
    const stop = process.env.PROFILE && round === 2 ? await startProfile(process.env.PROFILE) : null;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await writeQueuedEmails();
    const c = process.cpuUsage(cpu0);
    await stop?.();
    rounds.push({ cpu: (c.user + c.system) / N, wall: ((performance.now() - t0) * 1000) / N });
  }
  release();
  const deliveries = await db().emailDelivery.count({ where: { kind: "notification" } });
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  // The first round warms the statements up; the median of the others is the figure.
  const measured = rounds.slice(1);
  console.log(
    `${t.provider}, ${N} messages over ${D} dossiers, batches of ${EMAIL_BATCH}: ${deliveries} deliveries written; ` +
      `per message, median of ${measured.length} rounds: CPU ${med(measured.map((r) => r.cpu)).toFixed(1)} µs, ` +
      `wall ${med(measured.map((r) => r.wall)).toFixed(1)} µs (rounds: ${measured.map((r) => r.cpu.toFixed(1)).join(" / ")})`,
  );
  await t.cleanup();
}

void main();
