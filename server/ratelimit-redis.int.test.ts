// X4 with several processes: the limits on what leaves the machine (sign-in emails, invitations, partner
// keys) and on connections are counted in Redis when REDIS_URL is set, so a second process does not
// give a second budget; when Redis is away the process counts in memory at once (G9: no wait, no refusal).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, PrivateRedis } from "../e2e/fixtures/cluster";
import { resetEnvForTests } from "./env";
import { createClient } from "redis";
import { connectRateLimitStore, consume, LIMITS, rateLimitStoreReady, resetRateLimitsForTests } from "./ratelimit";

let redis: PrivateRedis;
let REDIS_URL = "";
const saved = { url: process.env.REDIS_URL, factor: process.env.RATE_LIMIT_FACTOR };

function useRedis(url: string | undefined) {
  if (url) process.env.REDIS_URL = url;
  else delete process.env.REDIS_URL;
  resetEnvForTests();
  resetRateLimitsForTests({ redis: true });
}

beforeAll(async () => {
  process.env.RATE_LIMIT_FACTOR = "1";
  redis = new PrivateRedis(await freePort());
  await redis.start();
  REDIS_URL = redis.url;
});
afterAll(async () => {
  process.env.RATE_LIMIT_FACTOR = saved.factor;
  useRedis(saved.url);
  await redis.stop();
});

describe("X4: limits shared through Redis", () => {
  it("X4: the process opens the counters' connection at start-up, before any limited action (no first-connect stall)", async () => {
    useRedis(REDIS_URL);
    const admin = createClient({ url: REDIS_URL });
    await admin.connect();
    try {
      const clients = async () =>
        String(await admin.sendCommand(["CLIENT", "LIST"]))
          .trim()
          .split("\n").length;
      expect(await clients()).toBe(1); // the test's own
      connectRateLimitStore();
      await expect.poll(clients).toBe(2);
    } finally {
      await admin.quit();
    }
  });

  it("X4: with REDIS_URL, a second process (fresh limiters, same Redis) finds the sign-in email budget already spent", async () => {
    useRedis(REDIS_URL);
    expect(await rateLimitStoreReady()).toBe("redis");
    const email = `someone-${randomUUID()}@example.test`;
    const budget = LIMITS["signin.email"].points;
    for (let i = 0; i < budget; i++) expect(await consume("signin.email", email)).toBe(true);
    resetRateLimitsForTests(); // the other process: its own limiter objects, no memory of these
    expect(await consume("signin.email", email)).toBe(false);
    expect(await consume("signin.email", `other-${email}`)).toBe(true);
  });

  it("X4: messages stay per process even with REDIS_URL (no Redis round trip per send)", async () => {
    useRedis(REDIS_URL);
    await rateLimitStoreReady();
    const user = randomUUID();
    const budget = LIMITS["message.send"].points;
    for (let i = 0; i < budget; i++) expect(await consume("message.send", user)).toBe(true);
    expect(await consume("message.send", user)).toBe(false);
    resetRateLimitsForTests();
    expect(await consume("message.send", user)).toBe(true);
  });

  it("X4, G9: with Redis unreachable, the limits answer at once from memory and still refuse past the budget", async () => {
    useRedis(`redis://127.0.0.1:${await freePort()}`);
    expect(await rateLimitStoreReady()).toBe("memory");
    const email = `someone-${randomUUID()}@example.test`;
    const budget = LIMITS["signin.email"].points;
    for (let i = 0; i < budget; i++) expect(await consume("signin.email", email)).toBe(true);
    expect(await consume("signin.email", email)).toBe(false);
  });
});
