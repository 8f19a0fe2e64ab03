// Configuration, read and validated once. Nothing else reads process.env.
import path from "node:path";
import { z } from "zod";

const flag = z.enum(["0", "1", "true", "false", ""]).transform((v) => v === "1" || v === "true");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** X8: unset, local mode (demo sign-in or local mailbox) listens on loopback only, otherwise on every address */
    HOSTNAME: z.string().min(1).optional(),
    /** X4: multiplies every rate limit's budget (load tests and benchmarks raise it; 1 in production) */
    RATE_LIMIT_FACTOR: z.coerce.number().min(1).max(1_000_000).default(1),
    /** X4: how many reverse proxies stand in front (their X-Forwarded-For entries are trusted); 0: none */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** X8: set to 1 to serve demo sign-in on a non-loopback address anyway (a shared demo machine) */
    ALLOW_PUBLIC_DEMO: flag.default(false),
    /** X1: minutes without use after which a session ends (sign in again) */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(60),
    /** X1: hours after sign-in after which a session ends, used or not */
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24)
      .default(12),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL must start with file: or postgres://")
      .default("file:./data/relais.db"),
    REDIS_URL: z.string().url().optional(),
    /**
     * G8: how processes share live traffic through Redis: "sharded" (the default: Redis 7 sharded pub/sub,
     * a channel per room, so a process hears only the rooms it has sockets in; the classic adapter on an
     * older Redis) or "classic" pub/sub (every process hears every broadcast). See bench/README.md for
     * the figures that chose the default.
     */
    REDIS_ADAPTER: z.enum(["classic", "sharded"]).default("sharded"),
    NEXTAUTH_URL: z.string().url().optional(),
    NEXTAUTH_SECRET: z.string().min(16).optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.string().url().optional(),
    EMAIL_FROM: z.string().default("Relais <relais@relais.test>"),
    DEMO_LOGIN: flag.default(false),
    /** G12 (bench only): serves /bench-baseline, the minimal page the dossier page is compared with; unset, a 404 */
    BENCH_BASELINE_ROUTE: flag.default(false),
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** where uploaded documents are stored (random file names) */
    UPLOAD_DIR: z.string().min(1).default("./data/uploads"),
    /** largest accepted document, in bytes (10 MB) */
    DOCUMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1024 * 1024 * 1024)
      .default(10 * 1024 * 1024),
  })
  .superRefine((v, ctx) => {
    if (v.DEMO_LOGIN && v.RESEND_API_KEY) {
      ctx.addIssue({
        code: "custom",
        message: "DEMO_LOGIN=1 and RESEND_API_KEY cannot be set together: demo sign-in is for local use only",
      });
    }
    if (v.DEMO_LOGIN && v.HOSTNAME && !isLoopbackHost(v.HOSTNAME) && !v.ALLOW_PUBLIC_DEMO) {
      ctx.addIssue({
        code: "custom",
        message: `DEMO_LOGIN=1 lets anyone sign in as anyone: refusing to listen on ${v.HOSTNAME}. Use a loopback address, or set ALLOW_PUBLIC_DEMO=1 to force it.`,
      });
    }
    if (v.NODE_ENV === "production" && !v.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: "custom", message: "NEXTAUTH_SECRET is required in production (npm start makes one)" });
    }
  });

/** X8: an address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || h.startsWith("127.") || h === "::ffff:127.0.0.1";
}

export type Env = Omit<z.infer<typeof schema>, "HOSTNAME"> & {
  HOSTNAME: string;
  /** X8: demo sign-in or local mailbox: says so on every page, listens on loopback unless forced */
  localMode: boolean;
  appUrl: string;
  appOrigin: string;
  secret: string;
  provider: "sqlite" | "postgres";
  /** Local mailbox mode: no RESEND_API_KEY, emails land in /dev/mailbox. */
  localMail: boolean;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    throw new Error(
      `Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`).join("; ")}`,
    );
  }
  const v = parsed.data;
  const appUrl = (v.NEXTAUTH_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, "");
  cached = {
    ...v,
    DATABASE_URL: normalizeDatabaseUrl(v.DATABASE_URL),
    UPLOAD_DIR: path.resolve(/*turbopackIgnore: true*/ process.cwd(), v.UPLOAD_DIR),
    appUrl,
    appOrigin: new URL(appUrl).origin,
    // Development without a secret still works; production refuses above.
    secret: v.NEXTAUTH_SECRET ?? "relais-development-secret-not-for-production",
    provider: /^postgres(ql)?:/.test(v.DATABASE_URL) ? "postgres" : "sqlite",
    localMail: !v.RESEND_API_KEY,
    localMode: v.DEMO_LOGIN || !v.RESEND_API_KEY,
    HOSTNAME: v.HOSTNAME ?? (v.DEMO_LOGIN || !v.RESEND_API_KEY ? "127.0.0.1" : "0.0.0.0"),
  };
  return cached;
}

/** Tests change the environment between cases; this forgets the parsed copy. */
export function resetEnvForTests() {
  cached = undefined;
}

function normalizeDatabaseUrl(url: string) {
  if (!url.startsWith("file:")) return url;
  const file = url.slice("file:".length);
  return file === ":memory:" ? url : `file:${path.resolve(/*turbopackIgnore: true*/ process.cwd(), file)}`;
}
