// The one writer of EmailDelivery rows (N6): every email, transactional or not, is recorded here, in the
// transaction of the change that caused it when there is one.
import { hot, queriesOf, type Db, type Tx } from "../../db";
import { newId, sql, type HotQueries } from "../../db/hot";
import type { EmailContent } from "./templates";

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

/**
 * Records one delivery and returns its id (the worker's idempotency key with Resend). Without a
 * client it is a transaction of its own (a sign-in link).
 */
export async function recordEmail(d: NewDelivery, client?: HotQueries | Db | Tx, now = new Date()): Promise<string> {
  if (!client) return hot().transaction((q) => recordEmail(d, q, now));
  const [id] = await recordEmails([{ ...d, at: now }], client);
  return id;
}

/** A delivery with its own time (a batch of messages' e-mails), possibly written cancelled (C7: read in the app first). */
export type BatchDelivery = NewDelivery & { at: Date; cancelled?: string };

const INSERT_DELIVERY = sql(
  "outbox.insertDelivery",
  `INSERT INTO "EmailDelivery" ("id", "kind", "template", "toEmail", "userId", "dossierId", "organizationId", "locale",
     "params", "headers", "status", "lastError", "attempts", "nextAttemptAt", "aboutSeq", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
);

/** Records deliveries, in the caller's transaction, and returns their ids in order. */
export async function recordEmails(deliveries: BatchDelivery[], client: HotQueries | Db | Tx): Promise<string[]> {
  const q = queriesOf(client);
  const ids: string[] = [];
  for (const d of deliveries) {
    const id = newId();
    await q.write(INSERT_DELIVERY, [
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
      d.cancelled === undefined ? "pending" : "cancelled",
      d.cancelled ?? null,
      d.notBefore ?? d.at,
      d.aboutSeq ?? null,
      d.at,
    ]);
    ids.push(id);
  }
  return ids;
}
