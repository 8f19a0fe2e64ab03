// The sharded adapter needs Redis 7 (SSUBSCRIBE, SPUBLISH): the version is read from INFO server, and
// an older Redis gets the classic adapter (attachRedisAdapter).
import { expect, it } from "vitest";
import { redisMajorVersion } from "./adapter";

it("reads Redis's major version from INFO server", () => {
  const info = (v: string) => `# Server\r\nredis_version:${v}\r\nredis_git_sha1:00000000\r\nredis_mode:standalone\r\n`;
  expect(redisMajorVersion(info("7.0.15"))).toBe(7);
  expect(redisMajorVersion(info("6.2.14"))).toBe(6);
  expect(redisMajorVersion(info("10.1.0"))).toBe(10);
  // Unreadable (a proxy that hides it): treated as too old for sharded pub/sub.
  expect(redisMajorVersion("# Server\r\nredis_mode:standalone\r\n")).toBe(0);
});
