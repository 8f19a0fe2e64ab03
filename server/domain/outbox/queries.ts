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
