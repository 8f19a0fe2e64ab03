// A real outbox worker process, for the kill-and-restart test (N6): the production worker and transport
// (transportFromEnv: Resend at RESEND_BASE_URL when RESEND_API_KEY is set) against DATABASE_URL.
// argv[2]: the claim lease in ms (short, so that a test does not wait a minute for a dead worker's rows).
import { dbReady } from "../db";
import { transportFromEnv } from "../email/send";
import { logger } from "../logger";
import { startOutboxWorker } from "../outbox/worker";

const leaseMs = Number(process.argv[2] ?? 60_000);
await dbReady();
startOutboxWorker(transportFromEnv(), 50, { leaseMs });
logger.info("outbox worker process ready", { pid: process.pid, leaseMs });
