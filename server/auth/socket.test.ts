import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { parseCookies, userIdFromCookieHeader } from "./socket";

const secret = "unit-test-secret-0123456789";

describe("session cookie on the socket handshake", () => {
  it("parses a Cookie header, keeping the first of duplicated names and skipping malformed values", () => {
    const c = parseCookies("a=1; b=hello%20world; a=2; bad=%E0%A4%A; =x; c");
    expect(c.get("a")).toBe("1");
    expect(c.get("b")).toBe("hello world");
    expect(c.has("bad")).toBe(false);
    expect(c.has("c")).toBe(false);
  });

  it("reads both cookie names, and chunked cookies", async () => {
    const token = await encode({ token: { sub: "user-1" }, secret });
    expect(await userIdFromCookieHeader(`next-auth.session-token=${token}`, secret)).toBe("user-1");
    expect(await userIdFromCookieHeader(`other=1; __Secure-next-auth.session-token=${token}`, secret)).toBe("user-1");
    const half = Math.floor(token.length / 2);
    expect(
      await userIdFromCookieHeader(
        `next-auth.session-token.0=${token.slice(0, half)}; next-auth.session-token.1=${token.slice(half)}`,
        secret,
      ),
    ).toBe("user-1");
  });

  it("keeps one derived key per secret: each secret reads its own tokens only", async () => {
    const other = "another-secret-0123456789";
    const mine = await encode({ token: { sub: "user-1" }, secret });
    const theirs = await encode({ token: { sub: "user-2" }, secret: other });
    expect(await userIdFromCookieHeader(`next-auth.session-token=${mine}`, secret)).toBe("user-1");
    expect(await userIdFromCookieHeader(`next-auth.session-token=${theirs}`, other)).toBe("user-2");
    expect(await userIdFromCookieHeader(`next-auth.session-token=${theirs}`, secret)).toBeNull();
    expect(await userIdFromCookieHeader(`next-auth.session-token=${mine}`, other)).toBeNull();
  });

  it("refuses no cookie, another secret, garbage and an expired token", async () => {
    expect(await userIdFromCookieHeader(undefined, secret)).toBeNull();
    const foreign = await encode({ token: { sub: "user-1" }, secret: "another-secret-0123456789" });
    expect(await userIdFromCookieHeader(`next-auth.session-token=${foreign}`, secret)).toBeNull();
    expect(await userIdFromCookieHeader("next-auth.session-token=garbage", secret)).toBeNull();
    const expired = await encode({ token: { sub: "user-1" }, secret, maxAge: -10 });
    expect(await userIdFromCookieHeader(`next-auth.session-token=${expired}`, secret)).toBeNull();
  });
});
