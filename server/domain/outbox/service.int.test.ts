// N6, A3: after the last try a delivery is failed, and staff of its organization see it with its error;
// nobody else does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { resendTransport } from "../../email/send";
import { recordEmail } from "./queries";
import { backoffMs, MAX_ATTEMPTS, runOutboxOnce } from "../../outbox/worker";
import { useTestDatabase } from "../../test/db";
import { startFakeResend } from "../../test/fake-resend";
import { actor, makeWorld } from "../../test/factories";
import { cancellationReason, deliveriesForStaff } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let fake: Awaited<ReturnType<typeof startFakeResend>>;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  tdb = await useTestDatabase();
  fake = await startFakeResend();
  w = await makeWorld();
});
afterAll(async () => {
  await fake.close();
  await tdb.cleanup();
});

describe("failed deliveries for staff", () => {
  it("N6: a delivery failing every try is marked failed and listed for its organization's staff, with the error", async () => {
    const transport = resendTransport("re_test", "r@test.test", fake.url);
    const aboutDossier = await recordEmail({
      kind: "notification",
      template: "sign-in",
      toEmail: "paul@test.test",
      locale: "fr",
      dossierId: w.dossier.id,
      params: { url: "http://x/1" },
    });
    const forOrg = await recordEmail({
      kind: "digest",
      template: "sign-in",
      toEmail: "marie@test.test",
      locale: "fr",
      organizationId: w.org.id,
      params: { url: "http://x/2" },
    });
    let now = new Date();
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      fake.queue({ status: 500 }, { status: 500 });
      await runOutboxOnce(transport, now);
      now = new Date(now.getTime() + backoffMs(i));
    }
    const rows = await db().emailDelivery.findMany({ where: { id: { in: [aboutDossier, forOrg] } } });
    expect(rows.every((r) => r.status === "failed" && r.attempts === MAX_ATTEMPTS)).toBe(true);
    const otherOrg = await recordEmail({
      kind: "digest",
      template: "sign-in",
      toEmail: "sofia@test.test",
      locale: "fr",
      organizationId: w.other.id,
      params: { url: "http://x/3" },
    });
    await db().emailDelivery.update({ where: { id: otherOrg }, data: { status: "failed", lastError: "500: down" } });
    const pendingOne = await recordEmail({
      kind: "reminder",
      template: "sign-in",
      toEmail: "paul@test.test",
      locale: "fr",
      dossierId: w.dossier.id,
      params: { url: "http://x/4" },
    });

    const mine = await deliveriesForStaff(await actor(w.staff.id));
    expect(mine.ok).toBe(true);
    if (!mine.ok) return;
    expect(mine.value.failed.map((d) => d.id).sort()).toEqual([aboutDossier, forOrg].sort());
    expect(mine.value.failed[0].lastError).toContain("500");
    expect(mine.value.pending.map((d) => d.id)).toEqual([pendingOne]);

    // N9: an email cancelled when leaving is listed with its reason, newest first.
    await db().emailDelivery.update({
      where: { id: pendingOne },
      data: { status: "cancelled", lastError: "cancelled when leaving: paused" },
    });
    const after = await deliveriesForStaff(await actor(w.staff.id));
    expect(after.ok && after.value.cancelled.map((d) => [d.id, cancellationReason(d.lastError)])).toEqual([
      [pendingOne, "paused"],
    ]);
    expect(after.ok && after.value.pending).toEqual([]);

    // A3: the other organization's staff see theirs only.
    const theirs = await deliveriesForStaff(await actor(w.otherStaff.id));
    expect(theirs.ok && theirs.value.failed.map((d) => d.id)).toEqual([otherOrg]);
  });

  it("N6, A1: advisors, applicants and outsiders get a 404", async () => {
    for (const u of [w.advisor, w.referent, w.outsider]) {
      const r = await deliveriesForStaff(await actor(u.id));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("not_found");
    }
  });
});
