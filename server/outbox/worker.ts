// The outbox worker (N6): claims due deliveries, sends each with its row id as idempotency key, and
// marks it sent, or schedules a retry with backoff, or marks it failed after the last try.
// A claim is a lease (lockedUntil): a worker that dies mid-send leaves the row to be claimed again.
import { db } from "../db";
import { mayLeave } from "../domain/notification/gate";
import { writeQueuedEmails } from "../domain/notification/pending";
import type { EmailContent, NotificationContent } from "../domain/outbox/templates";
import { renderEmail, storedContent } from "../email/render";
import type { RenderedEmail } from "../email/templates";
import type { Locale } from "../i18n";
import type { Transport } from "../email/send";
import { logger } from "../logger";
import { setOutboxKick } from "../domain/ports";
import { holdSenderLease, otherSender } from "./throttle";

export const MAX_ATTEMPTS = 6;
/** N10: at most this many notifications in one email (a burst beyond goes in the next one). */
export const MAX_BATCH_ITEMS = 20;
const LEASE_MS = 60_000;
const BATCH = 20;

/** 30 s, 2 min, 8 min, 32 min, 2 h: the delay before try n+1. */
export function backoffMs(attempts: number): number {
  return 30_000 * 4 ** Math.max(0, attempts - 1);
}

export type WorkerOptions = {
  /** how long a claim holds before another worker may take the row (a dead worker's) */ leaseMs?: number;
};

export async function runOutboxOnce(
  transport: Transport,
  now = new Date(),
  opts: WorkerOptions = {},
): Promise<{ sent: number; retried: number; failed: number; cancelled: number }> {
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const stats = { sent: 0, retried: 0, failed: 0, cancelled: 0 };
  // N6: a rate-limited provider is used by one process at a time (its sender lease); the others wait.
  const paced = Boolean(transport.minIntervalMs);
  // Messages whose emails are not written yet (a process stopped before its pass) are written first.
  await writeQueuedEmails();
  if (paced && (await otherSender(transport.name))) return stats;
  const due = await db().emailDelivery.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  for (const { id } of due) {
    // The claim is guarded in the database: of two workers, one updates the row, the other sees 0.
    const claimed = await db().emailDelivery.updateMany({
      where: { id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedUntil: new Date(now.getTime() + leaseMs) },
    });
    if (claimed.count !== 1) continue;
    if (paced && !(await holdSenderLease(transport.name))) {
      // Another process became the sender meanwhile: give the claim back and leave the rest to it.
      await db().emailDelivery.updateMany({ where: { id, status: "pending" }, data: { lockedUntil: null } });
      break;
    }
    const d = await db().emailDelivery.findUniqueOrThrow({ where: { id } });
    // N9: the preference gate decides again now; an email no longer wanted does not leave, and says why.
    const verdict = await mayLeave(db(), d);
    if (!verdict.leave) {
      await db().emailDelivery.updateMany({
        where: { id, status: "pending" },
        data: { status: "cancelled", lastError: `cancelled when leaving: ${verdict.reason}`, lockedUntil: null },
      });
      stats.cancelled++;
      continue;
    }
    // N10: the recipient's other notifications about this dossier, waiting too, leave in this email.
    const siblings = await claimSiblings(d, now, leaseMs);
    // N9: rendered now, from its template and parameters, in the recipient's language of now.
    const mail = renderDeliveries(verdict.locale, [d, ...siblings]);
    let result;
    try {
      result = mail
        ? await transport.send({
            deliveryId: d.id,
            to: d.toEmail,
            subject: mail.subject,
            html: mail.html,
            text: mail.text,
            headers: JSON.parse(d.headers) as Record<string, string>,
          })
        : { ok: false as const, error: `unknown template or parameters: ${d.template}`, retryable: false };
    } catch (e) {
      result = { ok: false as const, error: e instanceof Error ? e.message : String(e), retryable: true };
    }
    const siblingIds = siblings.map((x) => x.id);
    if (siblingIds.length) {
      await db().emailDelivery.updateMany({
        where: { id: { in: siblingIds }, status: "pending" },
        data: result.ok
          ? {
              status: "sent",
              sentAt: new Date(),
              providerId: result.providerId,
              subject: mail?.subject ?? "",
              lastError: `sent in the email of delivery ${d.id} (N10)`,
              lockedUntil: null,
            }
          : { lockedUntil: null },
      });
      if (result.ok) stats.sent += siblingIds.length;
    }
    const attempts = d.attempts + 1;
    if (result.ok) {
      await db().emailDelivery.update({
        where: { id },
        data: {
          status: "sent",
          attempts,
          // What left, as it read (the staff page and audits show it).
          subject: mail?.subject ?? "",
          html: mail?.html ?? "",
          text: mail?.text ?? "",
          locale: verdict.locale,
          sentAt: new Date(),
          providerId: result.providerId,
          lockedUntil: null,
          lastError: null,
        },
      });
      stats.sent++;
    } else if (result.retryable && attempts < MAX_ATTEMPTS) {
      await db().emailDelivery.update({
        where: { id },
        data: {
          attempts,
          lastError: result.error,
          subject: mail?.subject ?? "",
          lockedUntil: null,
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
        },
      });
      stats.retried++;
    } else {
      await db().emailDelivery.update({
        where: { id },
        data: { status: "failed", attempts, lastError: result.error, subject: mail?.subject ?? "", lockedUntil: null },
      });
      logger.warn("email delivery failed", { id, error: result.error });
      stats.failed++;
    }
  }
  return stats;
}

/** Polls every intervalMs, and at once when kicked. Returns a stop function that waits for the pass in progress. */
export function startOutboxWorker(
  transport: Transport,
  intervalMs: number,
  opts: WorkerOptions = {},
): () => Promise<void> {
  let stopped = false;
  let inFlight = false;
  let again = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        try {
          await runOutboxOnce(transport, new Date(), opts);
        } catch (e) {
          logger.error("outbox pass failed", { error: String(e) });
        }
      } while (again && !stopped);
      inFlight = false;
      if (!stopped) timer = setTimeout(tick, intervalMs);
    })();
  };
  setOutboxKick(tick);
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    setOutboxKick(undefined);
    await running;
  };
}

type Row = {
  id: string;
  kind: string;
  userId: string | null;
  dossierId: string | null;
  template: string;
  params: string;
};

/** N10: claims the recipient's other waiting notifications about the same dossier (oldest first). */
async function claimSiblings(d: Row, now: Date, leaseMs: number): Promise<Row[]> {
  if (d.kind !== "notification" || !d.userId || !d.dossierId) return [];
  const unclaimed = [{ lockedUntil: null }, { lockedUntil: { lt: now } }];
  const candidates = await db().emailDelivery.findMany({
    where: {
      id: { not: d.id },
      kind: "notification",
      userId: d.userId,
      dossierId: d.dossierId,
      status: "pending",
      OR: unclaimed,
    },
    orderBy: { createdAt: "asc" },
    take: MAX_BATCH_ITEMS - 1,
    select: { id: true, kind: true, userId: true, dossierId: true, template: true, params: true },
  });
  const claimed: Row[] = [];
  for (const c of candidates) {
    const n = await db().emailDelivery.updateMany({
      where: { id: c.id, status: "pending", OR: unclaimed },
      data: { lockedUntil: new Date(now.getTime() + leaseMs) },
    });
    if (n.count === 1) claimed.push(c);
  }
  return claimed;
}

/** One delivery's email, or several notifications' as one that lists them in order (N10). */
function renderDeliveries(locale: Locale, rows: Row[]): RenderedEmail | null {
  const contents = rows.map((r) => storedContent(r.template, r.params));
  const first = contents[0];
  if (!first) return null;
  const items = contents.filter((c): c is NotificationContent => c !== null && isNotification(c));
  if (rows.length === 1 || items.length < 2 || !isNotification(first)) return renderEmail(locale, first);
  return renderEmail(locale, {
    template: "notification.batch",
    params: { dossierId: first.params.dossierId, userId: first.params.userId, title: first.params.title, items },
  });
}

function isNotification(c: EmailContent): c is NotificationContent {
  return c.template.startsWith("notification.") && c.template !== "notification.batch";
}
