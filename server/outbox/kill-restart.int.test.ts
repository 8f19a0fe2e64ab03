// N6 with real processes: an outbox worker process is killed with SIGKILL in the middle of a batch, a new
// one is started, and every pending email reaches the (fake) Resend API exactly once, counted by
// idempotency key: none lost, none delivered twice. Also checks that one worker stays under Resend's
// rate limit of 2 requests a second.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { startFakeResend } from "../test/fake-resend";
import { useTestDatabase } from "../test/db";
import { recordEmail } from "../domain/outbox/queries";

const root = path.resolve(import.meta.dirname, "../..");
const LEASE_MS = 1500;
const EMAILS = 12;

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let fake: Awaited<ReturnType<typeof startFakeResend>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  tdb = await useTestDatabase();
  // Answers are held 200 ms: a kill right after a request arrives leaves it in flight.
  fake = await startFakeResend({ delayMs: 200 });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await fake.close();
  await tdb.cleanup();
});

function startWorker(): ChildProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "server/test/outbox-worker-process.ts"), String(LEASE_MS)],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: tdb.url,
        RESEND_API_KEY: "re_kill_test",
        RESEND_BASE_URL: fake.url,
        EMAIL_FROM: "Relais <relais@test.test>",
        DEMO_LOGIN: "0",
        NODE_ENV: "test",
        LOG_LEVEL: "warn",
      },
    },
  );
  child.stderr?.on("data", () => {});
  children.push(child);
  return child;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 5) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function exited(child: ChildProcess) {
  return new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );
}

const emailRequests = () => fake.requests.filter((r) => r.path === "/emails");

describe("outbox worker process killed mid-batch", () => {
  it(
    "N6: SIGKILL mid-batch, restart: every pending email delivered exactly once, none lost",
    { timeout: 90_000 },
    async () => {
      const ids: string[] = [];
      for (let i = 0; i < EMAILS; i++) {
        ids.push(
          await recordEmail({
            kind: "transactional",
            template: "sign-in",
            toEmail: `kill${i}@test.test`,
            locale: "fr",
            params: { url: `http://localhost/k${i}` },
          }),
        );
      }

      const first = startWorker();
      // Killed the moment its fourth request reaches Resend: that request is in flight, its row claimed and not marked.
      await until("4 requests", () => emailRequests().length >= 4, 30_000, 2);
      first.kill("SIGKILL");
      await exited(first);
      expect(first.signalCode).toBe("SIGKILL");

      const afterKill = await db().emailDelivery.findMany({ where: { id: { in: ids } } });
      const sentBefore = afterKill.filter((d) => d.status === "sent").length;
      expect(sentBefore).toBeLessThan(EMAILS);
      // The dead worker's claim: pending, leased, and already at Resend.
      const inFlight = afterKill.filter((d) => d.status === "pending" && d.lockedUntil !== null);
      expect(inFlight.length).toBeGreaterThanOrEqual(1);
      const seenKeys = new Set(emailRequests().map((r) => r.headers["idempotency-key"]));
      expect(inFlight.some((d) => seenKeys.has(d.id))).toBe(true);

      const requestsBefore = emailRequests().length;
      const second = startWorker();
      await until(
        "every email sent",
        async () => (await db().emailDelivery.count({ where: { id: { in: ids }, status: "sent" } })) === EMAILS,
        60_000,
        100,
      );
      second.kill("SIGKILL");
      await exited(second);

      // Resend delivers one email per idempotency key: exactly the recorded ones, each once.
      expect(fake.deliveredKeys()).toEqual(new Set(ids));
      const perKey = new Map<string, number>();
      for (const r of emailRequests())
        perKey.set(String(r.headers["idempotency-key"]), (perKey.get(String(r.headers["idempotency-key"])) ?? 0) + 1);
      // Only the rows the dead worker had claimed were tried twice, with the same key.
      const twice = [...perKey].filter(([, n]) => n > 1).map(([k]) => k);
      expect(twice.every((k) => inFlight.some((d) => d.id === k))).toBe(true);
      expect([...perKey.values()].every((n) => n <= 2)).toBe(true);
      // Nothing the first worker had marked sent was sent again by the second.
      const markedSent = new Set(afterKill.filter((d) => d.status === "sent").map((d) => d.id));
      expect(
        emailRequests()
          .slice(requestsBefore)
          .some((r) => markedSent.has(String(r.headers["idempotency-key"]))),
      ).toBe(false);
      const final = await db().emailDelivery.findMany({ where: { id: { in: ids } } });
      expect(final.every((d) => d.status === "sent" && d.providerId)).toBe(true);

      // Under Resend's default limit of 2 requests a second: never 3 in any second from one worker.
      expectPaced(
        emailRequests()
          .slice(requestsBefore)
          .map((r) => r.at),
      );
    },
  );
});

/**
 * Paced under 2 requests a second. Arrival times are read in this (busy) test process, where two
 * requests sent 550 ms apart can be handled in one tick: so a burst (3 in well under a second) fails,
 * scheduling jitter does not, and the whole run cannot be faster than the limit allows.
 */
function expectPaced(times: number[]) {
  for (let i = 2; i < times.length; i++) expect(times[i] - times[i - 2]).toBeGreaterThanOrEqual(600);
  if (times.length > 2)
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual((times.length - 1) * 500 - 300);
}

describe("two worker processes", () => {
  it(
    "N6: together they stay under Resend's 2 requests a second, and send each email once",
    { timeout: 90_000 },
    async () => {
      fake.requests.length = 0;
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        ids.push(
          await recordEmail({
            kind: "transactional",
            template: "sign-in",
            toEmail: `pair${i}@test.test`,
            locale: "fr",
            params: { url: `http://localhost/p${i}` },
          }),
        );
      }
      const [a, b] = [startWorker(), startWorker()];
      await until(
        "every email sent",
        async () => (await db().emailDelivery.count({ where: { id: { in: ids }, status: "sent" } })) === ids.length,
        60_000,
        100,
      );
      a.kill("SIGKILL");
      b.kill("SIGKILL");
      await Promise.all([exited(a), exited(b)]);
      const requests = emailRequests();
      expect(requests).toHaveLength(ids.length);
      expect(fake.deliveredKeys()).toEqual(new Set(ids));
      // Each process paces itself; the shared throttle keeps the two together under the limit too.
      expectPaced(requests.map((r) => r.at).sort((x, y) => x - y));
    },
  );
});
