import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

function withEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved, ...vars };
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  resetEnvForTests();
  return env();
}

describe("configuration", () => {
  it("has local defaults: SQLite in data/, port 3000, local mailbox, demo off", () => {
    const e = withEnv({
      DATABASE_URL: undefined,
      PORT: undefined,
      NEXTAUTH_URL: undefined,
      RESEND_API_KEY: undefined,
      DEMO_LOGIN: undefined,
      NODE_ENV: "test",
    });
    expect(e.provider).toBe("sqlite");
    expect(e.DATABASE_URL).toMatch(/^file:\/.*data\/relais\.db$/);
    expect(e.appOrigin).toBe("http://localhost:3000");
    expect(e.localMail).toBe(true);
    expect(e.DEMO_LOGIN).toBe(false);
  });

  it("picks PostgreSQL from the URL", () => {
    expect(withEnv({ DATABASE_URL: "postgresql://u@127.0.0.1:5432/x" }).provider).toBe("postgres");
  });

  it("refuses demo sign-in together with real email", () => {
    expect(() => withEnv({ DEMO_LOGIN: "1", RESEND_API_KEY: "re_x" })).toThrow(/DEMO_LOGIN=1 and RESEND_API_KEY/);
  });

  it("refuses production without a secret, and a bad database URL", () => {
    expect(() => withEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined })).toThrow(/NEXTAUTH_SECRET/);
    expect(() => withEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });
});

describe("X8: local mode", () => {
  it("X8: local mode (demo sign-in or local mailbox) listens on loopback by default, a real deployment on every address", () => {
    expect(withEnv({ DEMO_LOGIN: "1", RESEND_API_KEY: undefined, HOSTNAME: undefined }).HOSTNAME).toBe("127.0.0.1");
    expect(withEnv({ DEMO_LOGIN: "0", RESEND_API_KEY: undefined, HOSTNAME: undefined }).localMode).toBe(true);
    const real = withEnv({ DEMO_LOGIN: "0", RESEND_API_KEY: "re_x", HOSTNAME: undefined });
    expect(real.HOSTNAME).toBe("0.0.0.0");
    expect(real.localMode).toBe(false);
  });

  it("X8: demo sign-in on a non-loopback address is refused unless forced", () => {
    expect(() => withEnv({ DEMO_LOGIN: "1", RESEND_API_KEY: undefined, HOSTNAME: "0.0.0.0" })).toThrow(
      /refusing to listen on 0\.0\.0\.0/,
    );
    expect(() => withEnv({ DEMO_LOGIN: "1", RESEND_API_KEY: undefined, HOSTNAME: "192.168.1.10" })).toThrow(
      /ALLOW_PUBLIC_DEMO/,
    );
    expect(withEnv({ DEMO_LOGIN: "1", HOSTNAME: "0.0.0.0", ALLOW_PUBLIC_DEMO: "1" }).HOSTNAME).toBe("0.0.0.0");
    expect(withEnv({ DEMO_LOGIN: "1", HOSTNAME: "::1" }).HOSTNAME).toBe("::1");
  });
});
