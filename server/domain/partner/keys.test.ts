// S2: the attach key's shape and hashing, without a database.
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../env";
import { hashKey, newAttachKey, normalizeKey } from "./keys";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-secret-0123456789";
  resetEnvForTests();
});

describe("S2: attach keys", () => {
  it("S2: 160 random bits in 32 Crockford base32 characters, grouped by four; never twice the same", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => newAttachKey()));
    expect(keys.size).toBe(2000);
    for (const k of [...keys].slice(0, 50)) expect(k).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
    // Every character position varies (no constant padding that would lower the entropy).
    const first = [...keys].map((k) => k.replace(/-/g, ""));
    for (let i = 0; i < 32; i++) expect(new Set(first.map((k) => k[i])).size).toBeGreaterThan(20);
  });

  it("S2: typing does not matter (case, spaces, dashes, O for 0, I or L for 1), the hash is a keyed HMAC", () => {
    const k = newAttachKey();
    expect(normalizeKey(` ${k.toLowerCase().replace(/-/g, " ")} `)).toBe(k.replace(/-/g, ""));
    expect(normalizeKey("OIL0-11")).toBe("011011");
    expect(hashKey(k)).toBe(hashKey(k.toLowerCase()));
    expect(hashKey(k)).toMatch(/^[0-9a-f]{64}$/);
    const before = hashKey(k);
    process.env.NEXTAUTH_SECRET = "another-secret-0123456789abc";
    resetEnvForTests();
    // Without the server secret, a copy of the database gives nothing to compare against.
    expect(hashKey(k)).not.toBe(before);
  });
});
