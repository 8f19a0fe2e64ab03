// X4: each limit reached is answered `rate_limited` in the user's language, per user, without
// touching other users: messages, invitations, partner keys, sign-in emails and socket connections.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authOptions } from "./auth/options";
import { postMessage } from "./domain/conversation/service";
import { inviteMembers } from "./domain/membership/service";
import { resetEnvForTests } from "./env";
import { LIMITS, resetRateLimitsForTests } from "./ratelimit";
import { useTestDatabase } from "./test/db";
import { actor, makeUser, makeWorld } from "./test/factories";
import { connectClient, sessionCookie, startRealtime } from "./test/server";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
let w: Awaited<ReturnType<typeof makeWorld>>;
let n = 0;
const cid = () => `rate-limit-${++n}-abcdef`;

beforeAll(async () => {
  tdb = await useTestDatabase({ RATE_LIMIT_FACTOR: "1" });
  w = await makeWorld();
});
afterAll(async () => {
  process.env.RATE_LIMIT_FACTOR = "1000";
  resetEnvForTests();
  resetRateLimitsForTests();
  await tdb.cleanup();
});
beforeEach(() => resetRateLimitsForTests());

describe("X4: rate limits", () => {
  it("X4: a burst of messages from one user is stopped with rate_limited; another user still sends", async () => {
    const paul = await actor(w.referent.id);
    const results = [];
    for (let i = 0; i < LIMITS["message.send"].points + 5; i++)
      results.push(await postMessage(paul, { dossierId: w.dossier.id, clientId: cid(), body: `Message ${i}` }));
    expect(results.filter((r) => r.ok)).toHaveLength(LIMITS["message.send"].points);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: expect.stringMatching(/Trop/) },
    });
    const marie = await actor(w.applicant.id);
    expect((await postMessage(marie, { dossierId: w.dossier.id, clientId: cid(), body: "Moi aussi" })).ok).toBe(true);
  });

  it("X4: invitations are bounded per inviting user (emails to any address)", async () => {
    const adele = await actor(w.advisor.id);
    const budget = LIMITS["invite.user"].points;
    const emails = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `invite${from + i}@exemple.test`).join("\n");
    expect((await inviteMembers(adele, { dossierId: w.dossier.id, side: "applicant", emails: emails(0, 40) })).ok).toBe(
      true,
    );
    const over = await inviteMembers(adele, { dossierId: w.dossier.id, side: "applicant", emails: emails(40, budget) });
    expect(over).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("X4: sign-in emails are bounded per address", async () => {
    const provider = authOptions().providers.find((p) => p.id === "email") as unknown as {
      sendVerificationRequest: (p: { identifier: string; url: string }) => Promise<void>;
    };
    const send = () => provider.sendVerificationRequest({ identifier: "paul@exemple.test", url: "http://x/cb" });
    for (let i = 0; i < LIMITS["signin.email"].points; i++) await send();
    await expect(send()).rejects.toThrow("rate_limited");
    // Another address is not affected.
    await provider.sendVerificationRequest({ identifier: "marie@exemple.test", url: "http://x/cb" });
  });

  it("X4: socket connections are bounded per user; another user still connects", async () => {
    const rt = await startRealtime();
    const cookie = await sessionCookie(w.staff.id);
    const sockets = [];
    try {
      for (let i = 0; i < LIMITS["socket.connect.user"].points; i++)
        sockets.push(await connectClient(rt.url, { cookie }));
      await expect(connectClient(rt.url, { cookie })).rejects.toThrow("rate_limited");
      const other = await makeUser("Autre Connexion");
      sockets.push(await connectClient(rt.url, { cookie: await sessionCookie(other.id) }));
    } finally {
      for (const s of sockets) s.disconnect();
      await rt.close();
    }
  });
});
