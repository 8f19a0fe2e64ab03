// The one writer of EmailDelivery rows (N6): every email, transactional or not, is recorded here, in the
// transaction of the change that caused it when there is one.
import { hot, queriesOf, type Db, type Tx } from "../../db";
import { newId, sql, type HotQueries } from "../../db/hot";
import type { EmailContent, EmailParams, NotificationContent } from "./templates";

export type EmailKind = "transactional" | "notification" | "digest" | "reminder";

export type NewDelivery = EmailContent & {
  kind: EmailKind;
  toEmail: string;
  locale: string;
  userId?: string | null;
  dossierId?: string | null;
  /** N6: staff of this organization see the delivery if it fails (dossier deliveries are found by dossier too) */
  organizationId?: string | null;
  headers?: Record<string, string>;
  /** C7: a notification waits until then, so that a read in the app can cancel it; default now */
  notBefore?: Date;
  /** C7: the seq of the message it is about */
  aboutSeq?: number | null;
};

const INSERT_DELIVERY = sql(
  "outbox.insertDelivery",
  `INSERT INTO "EmailDelivery" ("id", "kind", "template", "toEmail", "userId", "dossierId", "organizationId", "locale",
     "params", "headers", "status", "attempts", "nextAttemptAt", "aboutSeq", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
);

/**
 * Records one delivery and returns its id (the worker's idempotency key with Resend). Without a
 * client it is a transaction of its own (a sign-in link).
 */
export async function recordEmail(d: NewDelivery, client?: HotQueries | Db | Tx, now = new Date()): Promise<string> {
  if (!client) return hot().transaction((q) => recordEmail(d, q, now));
  const id = newId();
  await queriesOf(client).write(INSERT_DELIVERY, [
    id,
    d.kind,
    d.template,
    d.toEmail,
    d.userId ?? null,
    d.dossierId ?? null,
    d.organizationId ?? null,
    d.locale,
    JSON.stringify(d.params),
    JSON.stringify(d.headers ?? {}),
    d.notBefore ?? now,
    d.aboutSeq ?? null,
    now,
  ]);
  return id;
}

// N10: a notification not yet due for this recipient and dossier, and not claimed by a worker.
const WAITING_NOTIFICATION = sql(
  "outbox.waitingNotification",
  `SELECT "id" AS "id", "template" AS "template", "params" AS "params", "aboutSeq" AS "aboutSeq"
   FROM "EmailDelivery"
   WHERE "userId" = ? AND "dossierId" = ? AND "kind" = 'notification' AND "status" = 'pending'
     AND "lockedUntil" IS NULL AND "nextAttemptAt" > ?
   ORDER BY "createdAt" ASC LIMIT 1`,
);
const MERGE_NOTIFICATION = sql(
  "outbox.mergeNotification",
  `UPDATE "EmailDelivery" SET "template" = 'notification.batch', "params" = ?, "aboutSeq" = ?
   WHERE "id" = ? AND "status" = 'pending' AND "lockedUntil" IS NULL`,
);

/**
 * N10: a notification for a recipient who already has one about this dossier waiting to leave is added
 * to it (one email listing them, leaving when the first was due); otherwise it is recorded as usual.
 * C7: a batch of messages only keeps the newest message's seq, so reading up to it still cancels it.
 */
export async function recordNotification(
  d: NewDelivery & { kind: "notification"; userId: string; dossierId: string; content: NotificationContent },
  q: HotQueries,
  now: Date,
): Promise<string> {
  const waiting = await q.get<{ id: string; template: string; params: string; aboutSeq: number | bigint | null }>(
    WAITING_NOTIFICATION,
    [d.userId, d.dossierId, now],
  );
  if (waiting) {
    const params = JSON.parse(waiting.params) as EmailParams["notification.batch"] | NotificationContent["params"];
    const items: NotificationContent[] =
      waiting.template === "notification.batch"
        ? (params as EmailParams["notification.batch"]).items
        : [{ template: waiting.template, params } as NotificationContent];
    items.push(d.content);
    const onlyMessages = items.every((i) => i.template === "notification.message");
    const aboutSeq = onlyMessages ? Math.max(Number(waiting.aboutSeq ?? 0), d.aboutSeq ?? 0) : null;
    const batch: EmailParams["notification.batch"] = {
      dossierId: d.dossierId,
      userId: d.userId,
      title: "title" in d.content.params ? d.content.params.title : "",
      items,
    };
    if ((await q.run(MERGE_NOTIFICATION, [JSON.stringify(batch), aboutSeq, waiting.id])) === 1) return waiting.id;
  }
  return recordEmail(d, q, now);
}
