// The Relais process: Next.js and Socket.IO on one HTTP port, plus the outbox worker.
// Run by `npm start` (scripts/start.mjs) with tsx.
import { createServer } from "node:http";
import { keepIdleConnections } from "./http/keepalive";
import { preloadRoutes } from "./http/preload";
import next from "next";
import { closeDb, dbReady } from "./db";
import { transportFromEnv } from "./email/send";
import { env } from "./env";
import { startAutoPauseJob } from "./jobs/auto-pause";
import { startTransferExpiryJob } from "./jobs/transfer-expiry";
import { startSessionJobs } from "./jobs/sessions";
import { startDigestJob } from "./jobs/digests";
import { startReminderJob } from "./jobs/reminders";
import { startPartnerRemindersJob } from "./jobs/partner-reminders";
import { applySecurityHeaders } from "./http/headers";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./http/client";
import { bodyLimitFor, bodyTooLargeMessage, limitBody } from "./http/limits";
import { connectRateLimitStore, consume } from "./ratelimit";
import { logger } from "./logger";
import { startOutboxWorker } from "./outbox/worker";
import { attachRedisAdapter } from "./realtime/adapter";
import { setPublisher } from "./realtime/publisher";
import { closeRealtimeServer, createRealtimeServer, socketPublisher } from "./realtime/server";

async function main() {
  const e = env();
  const dev = e.NODE_ENV !== "production";
  const app = next({ dev, hostname: "localhost", port: e.PORT, turbopack: dev });
  await app.prepare();
  // In production, every route is loaded before the port opens (see preload.ts); dev compiles on demand.
  if (!dev) await preloadRoutes(app);
  const handle = app.getRequestHandler();
  await dbReady();

  const http = createServer((req, res) => {
    // S2: the attach-key rate limit counts tries per client address: the socket's, never a header the
    // client could set (Next keeps a client's own X-Forwarded-For).
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, e.TRUST_PROXY);
    // X6: CSP with a nonce, frame-ancestors, nosniff, Referrer-Policy, Permissions-Policy (HSTS on https).
    applySecurityHeaders(req, res, e.appUrl, dev);
    // X3: bodies are bounded while they stream, before Next or a route reads them.
    if (!limitBody(req, res, bodyLimitFor(req.url, e.DOCUMENT_MAX_BYTES), () => bodyTooLargeMessage(req))) return;
    // X4: sign-in emails per client address (per email address: in sendSignInLink).
    if (req.method === "POST" && req.url?.startsWith("/api/auth/signin/email")) {
      void consume("signin.address", String(req.headers[CLIENT_ADDRESS_HEADER])).then((allowed) => {
        if (allowed) return void handle(req, res);
        res.writeHead(303, { location: "/login?error=rate_limited" });
        res.end();
      });
      return;
    }
    void handle(req, res);
  });
  keepIdleConnections(http);
  const io = createRealtimeServer(http, { appOrigin: e.appOrigin, secret: e.secret });
  const closeRedis = e.REDIS_URL ? (await attachRedisAdapter(io, e.REDIS_URL, e.REDIS_ADAPTER)).close : async () => {};
  setPublisher(socketPublisher(io));
  connectRateLimitStore();
  const stopOutbox = startOutboxWorker(transportFromEnv(), e.OUTBOX_INTERVAL_MS);
  // P3: at start-up, then hourly; after the publisher is set so its pauses show live.
  const stopAutoPause = startAutoPauseJob();
  // N4: every 5 minutes (a digest leaves within minutes of 08:00); R3: hourly. Both at start-up too.
  const stopDigests = startDigestJob();
  const stopReminders = startReminderJob();
  // S6: automatic partner reminders, hourly.
  const stopPartnerReminders = startPartnerRemindersJob();
  // T2: pending transfers expire after 14 days; hourly.
  const stopTransferExpiry = startTransferExpiryJob();
  // X1: sockets of sessions that idled out or reached their lifetime are cut within a minute.
  const stopSessionJobs = startSessionJobs(io);

  await new Promise<void>((resolve) => http.listen(e.PORT, e.HOSTNAME, resolve));
  logger.info(`Relais ready on ${e.appUrl}`, {
    database: e.provider,
    redis: Boolean(e.REDIS_URL),
    email: e.localMail ? "local mailbox" : "resend",
    demoLogin: e.DEMO_LOGIN,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`stopping (${signal})`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    setPublisher(undefined);
    await stopOutbox();
    await stopAutoPause();
    await stopDigests();
    await stopReminders();
    await stopPartnerReminders();
    await stopTransferExpiry();
    await stopSessionJobs();
    await closeRealtimeServer(io);
    http.closeAllConnections();
    await closeRedis();
    await app.close?.();
    await closeDb();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  logger.error("failed to start", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
