import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { parseCookies, sessionFromCookieHeader } from "./socket";

const secret = "unit-test-secret-0123456789";
const one = { userId: "user-1", sessionId: "s-1" };
const two = { userId: "user-2", sessionId: "s-2" };

describe("session cookie on the socket handshake", () => {
  it("parses a Cookie header, keeping the first of duplicated names and skipping malformed values", () => {
    const c = parseCookies("a=1; b=hello%20world; a=2; bad=%E0%A4%A; =x; c");
    expect(c.get("a")).toBe("1");
    expect(c.get("b")).toBe("hello world");
    expect(c.has("bad")).toBe(false);
    expect(c.has("c")).toBe(false);
  });

  it("reads both cookie names, and chunked cookies", async () => {
    const token = await encode({ token: { sub: "user-1", sid: "s-1" }, secret });
    expect(await sessionFromCookieHeader(`next-auth.session-token=${token}`, secret)).toEqual(one);
    expect(await sessionFromCookieHeader(`other=1; __Secure-next-auth.session-token=${token}`, secret)).toEqual(one);
    const half = Math.floor(token.length / 2);
    expect(
      await sessionFromCookieHeader(
        `next-auth.session-token.0=${token.slice(0, half)}; next-auth.session-token.1=${token.slice(half)}`,
        secret,
      ),
    ).toEqual(one);
  });

  it("keeps one derived key per secret: each secret reads its own tokens only", async () => {
    const other = "another-secret-0123456789";
    const mine = await encode({ token: { sub: "user-1", sid: "s-1" }, secret });
    const theirs = await encode({ token: { sub: "user-2", sid: "s-2" }, secret: other });
    expect(await sessionFromCookieHeader(`next-auth.session-token=${mine}`, secret)).toEqual(one);
    expect(await sessionFromCookieHeader(`next-auth.session-token=${theirs}`, other)).toEqual(two);
    expect(await sessionFromCookieHeader(`next-auth.session-token=${theirs}`, secret)).toBeNull();
    expect(await sessionFromCookieHeader(`next-auth.session-token=${mine}`, other)).toBeNull();
  });

  it("refuses no cookie, another secret, garbage and an expired token", async () => {
    expect(await sessionFromCookieHeader(undefined, secret)).toBeNull();
    const foreign = await encode({ token: { sub: "user-1", sid: "s-1" }, secret: "another-secret-0123456789" });
    expect(await sessionFromCookieHeader(`next-auth.session-token=${foreign}`, secret)).toBeNull();
    expect(await sessionFromCookieHeader("next-auth.session-token=garbage", secret)).toBeNull();
    const expired = await encode({ token: { sub: "user-1", sid: "s-1" }, secret, maxAge: -10 });
    expect(await sessionFromCookieHeader(`next-auth.session-token=${expired}`, secret)).toBeNull();
  });

  it("X1: a token without a session id (a stateless JWT, as before sessions were rows) is no session", async () => {
    const stateless = await encode({ token: { sub: "user-1" }, secret });
    expect(await sessionFromCookieHeader(`next-auth.session-token=${stateless}`, secret)).toBeNull();
  });
});
