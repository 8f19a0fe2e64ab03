// The email outbox (N6) with real transports: the local mailbox, and the real Resend SDK against a local
// fake of Resend's API. Retries with backoff, failure after the last try, exactly once across a crash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { localMailbox, resendTransport, type Transport } from "../email/send";
import { startFakeResend } from "../test/fake-resend";
import { useTestDatabase } from "../test/db";
import { recordEmail } from "../domain/outbox/queries";
import { backoffMs, MAX_ATTEMPTS, runOutboxOnce } from "./worker";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let fake: Awaited<ReturnType<typeof startFakeResend>>;

beforeAll(async () => {
  tdb = await useTestDatabase();
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
  await tdb.cleanup();
});

async function newDelivery(to: string, headers?: Record<string, string>) {
  const id = await recordEmail({
    kind: "transactional",
    template: "sign-in",
    toEmail: to,
    locale: "fr",
    headers,
    params: { url: "http://localhost/x" },
  });
  return id;
}

async function clearQueue() {
  await db().emailDelivery.updateMany({ where: { status: "pending" }, data: { status: "cancelled" } });
}

describe("local mailbox", () => {
  it("N6: a recorded email is sent once and lands in the mailbox", async () => {
    await clearQueue();
    const id = await newDelivery("a@test.test");
    const stats = await runOutboxOnce(localMailbox("Relais <r@test.test>"));
    expect(stats.sent).toBe(1);
    const d = await db().emailDelivery.findUniqueOrThrow({ where: { id } });
    expect(d.status).toBe("sent");
    expect(await db().localMail.count({ where: { deliveryId: id } })).toBe(1);
    // A second pass sends nothing more.
    expect((await runOutboxOnce(localMailbox("r@test.test"))).sent).toBe(0);
    expect(await db().localMail.count({ where: { deliveryId: id } })).toBe(1);
  });
});

describe("Resend through the real SDK", () => {
  it("N6: sends the payload, headers and the delivery id as idempotency key", async () => {
    await clearQueue();
    fake.requests.length = 0;
    const id = await newDelivery("paul@test.test", { "List-Unsubscribe": "<http://localhost/u>" });
    const stats = await runOutboxOnce(resendTransport("re_test_key", "Relais <relais@test.test>", fake.url));
    expect(stats).toEqual({ sent: 1, retried: 0, failed: 0, cancelled: 0 });
    expect(fake.requests).toHaveLength(1);
    const r = fake.requests[0];
    expect(r.method).toBe("POST");
    expect(r.path).toBe("/emails");
    expect(r.headers["idempotency-key"]).toBe(id);
    expect(r.headers.authorization).toBe("Bearer re_test_key");
    expect(r.body).toMatchObject({
      from: "Relais <relais@test.test>",
      to: ["paul@test.test"],
      subject: "Votre lien de connexion à Relais",
      headers: { "List-Unsubscribe": "<http://localhost/u>" },
    });
    expect(String(r.body.html)).toContain("http://localhost/x");
    expect(String(r.body.text)).toContain("http://localhost/x");
    const d = await db().emailDelivery.findUniqueOrThrow({ where: { id } });
    expect(d).toMatchObject({ status: "sent", attempts: 1, providerId: "email_1" });
  });

  it("N6: retries after a 429 and after a 500 with backoff, then sends", async () => {
    await clearQueue();
    fake.requests.length = 0;
    const transport = resendTransport("re_test_key", "r@test.test", fake.url);
    const id = await newDelivery("retry@test.test");
    const t0 = new Date();
    fake.queue({ status: 429 }, { status: 500 });

    expect(await runOutboxOnce(transport, t0)).toEqual({ sent: 0, retried: 1, failed: 0, cancelled: 0 });
    let d = await db().emailDelivery.findUniqueOrThrow({ where: { id } });
    expect(d.status).toBe("pending");
    expect(d.lastError).toContain("429");
    expect(d.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));
    // Not due yet: nothing is sent before the backoff.
    expect(await runOutboxOnce(transport, new Date(t0.getTime() + backoffMs(1) - 1000))).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      cancelled: 0,
    });

    const t1 = new Date(t0.getTime() + backoffMs(1));
    expect(await runOutboxOnce(transport, t1)).toEqual({ sent: 0, retried: 1, failed: 0, cancelled: 0 });
    d = await db().emailDelivery.findUniqueOrThrow({ where: { id } });
    expect(d.lastError).toContain("500");
    expect(d.nextAttemptAt.getTime()).toBe(t1.getTime() + backoffMs(2));
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));

    expect(await runOutboxOnce(transport, new Date(t1.getTime() + backoffMs(2)))).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
      cancelled: 0,
    });
    d = await db().emailDelivery.findUniqueOrThrow({ where: { id } });
    expect(d).toMatchObject({ status: "sent", attempts: 3 });
    // Every try carried the same idempotency key.
    expect(new Set(fake.requests.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([id]));
  });

  it("N6: marks the delivery failed after the last try, and at once on a permanent error", async () => {
    await clearQueue();
    const transport = resendTransport("re_test_key", "r@test.test", fake.url);
    const id = await newDelivery("down@test.test");
    let now = new Date();
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      fake.queue({ status: 500 });
      await runOutboxOnce(transport, now);
      now = new Date(now.getTime() + backoffMs(i));
    }
    const d = await db().emailDelivery.findUniqueOrThrow({ where: { id } });
    expect(d).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });

    const bad = await newDelivery("bad@test.test");
    fake.queue({ status: 422 });
    expect(await runOutboxOnce(transport, now)).toEqual({ sent: 0, retried: 0, failed: 1, cancelled: 0 });
    expect((await db().emailDelivery.findUniqueOrThrow({ where: { id: bad } })).status).toBe("failed");
  });
});

describe("crash and restart", () => {
  it("N6: a worker killed after sending but before recording: the email is sent again after its lease, with the same key, delivered once", async () => {
    await clearQueue();
    fake.requests.length = 0;
    const ids = await Promise.all(["k1@test.test", "k2@test.test", "k3@test.test"].map((to) => newDelivery(to)));
    const real = resendTransport("re_test_key", "r@test.test", fake.url);
    // The first worker sends its first email and is killed right after: it never runs another line.
    let killedAfterSending!: () => void;
    const killed = new Promise<void>((r) => (killedAfterSending = r));
    const dying: Transport = {
      name: "dying",
      async send(email) {
        await real.send(email);
        killedAfterSending();
        return new Promise(() => {});
      },
    };
    const t0 = new Date();
    void runOutboxOnce(dying, t0);
    await killed;
    // A restarted worker, within the lease: sends the two others, leaves the claimed one alone.
    expect(await runOutboxOnce(real, new Date(t0.getTime() + 30_000))).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
      cancelled: 0,
    });
    // After the lease: the claimed one is sent again, with the same idempotency key.
    expect(await runOutboxOnce(real, new Date(t0.getTime() + 61_000))).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
      cancelled: 0,
    });
    const final = await db().emailDelivery.findMany({ where: { id: { in: ids } } });
    expect(final.every((d) => d.status === "sent")).toBe(true);
    expect(fake.requests.filter((r) => r.path === "/emails")).toHaveLength(4);
    // Resend dedups by key: one email delivered per delivery row, none lost.
    expect(fake.deliveredKeys()).toEqual(new Set(ids));
  });

  it("N6: two workers at once never send the same delivery twice", async () => {
    await clearQueue();
    fake.requests.length = 0;
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => newDelivery(`w${i}@test.test`)));
    const mailbox = localMailbox("r@test.test");
    const now = new Date();
    const [a, b] = await Promise.all([runOutboxOnce(mailbox, now), runOutboxOnce(mailbox, now)]);
    expect(a.sent + b.sent).toBe(10);
    expect(await db().localMail.count({ where: { deliveryId: { in: ids } } })).toBe(10);
  });
});
