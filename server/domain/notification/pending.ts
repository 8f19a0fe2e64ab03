// C2, C3, C7 (issue 18): a message's notification emails are written just after its send, in batches.
// The send stores the message, its chosen recipients and a "MessageEmailPending" row; this pass turns
// pending rows into email deliveries, due a minute after the message as before (C7), with the gate's
// decision of now (N8: a pause that came in between holds), and deletes them, in one transaction.
// Written inside the send, the deliveries and the facts they need were a fifth of a stored message's
// CPU and a third of a commit's WAL pages (bench/README.md, seventh pass).
//
// A batch is claimed by deleting its rows (DELETE … RETURNING): of two processes on PostgreSQL, the
// second finds them gone and writes nothing. The outbox worker drains the queue before each of its
// passes, so rows left by a process that stopped in between are written by the next pass anywhere.
import { hot } from "../../db";
import { batchedPass } from "../../db/batches";
import { asDate, sql, type HotQueries, type Sql } from "../../db/hot";
import { displayName } from "../text";
import { readInApp } from "./gate";
import { recordEmails, type BatchDelivery } from "../outbox/queries";
import { dossierFacts, messageEmails, READ_IN_APP, type DossierFacts, type QueuedMessage } from "./service";

/** Messages per transaction: small enough that a batch never holds the writer for long (G5's ack p99). */
export const EMAIL_BATCH = 50;
/** Sends arriving meanwhile share the batch; the deliveries are due a minute later anyway (C7). */
const DELAY_MS = 500;
const BURST_DELAY_MS = 5;

const CLAIM = sql(
  "notification.claimQueued",
  `DELETE FROM "MessageEmailPending" WHERE "messageId" IN
     (SELECT "messageId" FROM "MessageEmailPending" ORDER BY "messageId" LIMIT ?)
   RETURNING "messageId" AS "messageId", "side" AS "side"`,
);
/** A statement over a list of ids given as one JSON array (one statement text whatever the batch's size). */
function inIds(name: string, head: string, column: string): Sql {
  return {
    name,
    sqlite: `${head} WHERE ${column} IN (SELECT value FROM json_each(?))`,
    postgres: `${head} WHERE ${column} IN (SELECT json_array_elements_text($1::json))`,
  };
}
// The batch's messages and chosen recipients in two reads, not two per message.
const MESSAGES = inIds(
  "notification.queuedMessages",
  `SELECT m."id" AS "id", m."dossierId" AS "dossierId", m."seq" AS "seq", m."body" AS "body",
     m."createdAt" AS "createdAt", m."authorId" AS "authorId", u."name" AS "name", u."email" AS "email"
   FROM "Message" m JOIN "User" u ON u."id" = m."authorId"`,
  `m."id"`,
);
const CHOSEN = inIds(
  "notification.chosen",
  `SELECT "messageId" AS "messageId", "userId" AS "userId" FROM "MessageRecipient"`,
  `"messageId"`,
);
const READS = sql(
  "notification.reads",
  `SELECT "userId" AS "userId", "lastReadSeq" AS "lastReadSeq" FROM "DossierRead" WHERE "dossierId" = ?`,
);
// The worker drains the queue at every pass: most find it empty, and need no write transaction for that.
const ANY_QUEUED = sql(
  "notification.anyQueued",
  `SELECT "messageId" AS "messageId" FROM "MessageEmailPending" LIMIT 1`,
);

type MessageRow = {
  id: string;
  dossierId: string;
  seq: number | bigint;
  body: string;
  createdAt: unknown;
  authorId: string;
  name: string | null;
  email: string;
};

/** Writes the emails of up to EMAIL_BATCH queued messages in one transaction; returns how many messages. */
async function writeBatch(): Promise<number> {
  return hot().transaction(async (q) => {
    const claimed = await q.all<{ messageId: string; side: string }>(CLAIM, [EMAIL_BATCH]);
    if (claimed.length === 0) return 0;
    const ids = JSON.stringify(claimed.map((c) => c.messageId));
    const messages = new Map((await q.all<MessageRow>(MESSAGES, [ids])).map((m) => [m.id, m]));
    const chosenOf = new Map<string, Set<string>>();
    for (const { messageId, userId } of await q.all<{ messageId: string; userId: string }>(CHOSEN, [ids])) {
      let set = chosenOf.get(messageId);
      if (!set) chosenOf.set(messageId, (set = new Set()));
      set.add(userId);
    }
    // One read of each dossier's facts and read markers per batch, however many of its messages it holds.
    const dossiers = new Map<string, { facts: DossierFacts | null; reads: Map<string, number> }>();
    const deliveries: BatchDelivery[] = [];
    for (const { messageId, side } of claimed) {
      const m = messages.get(messageId);
      if (!m) continue;
      let d = dossiers.get(m.dossierId);
      if (!d) {
        d = { facts: await dossierFacts(q, m.dossierId), reads: await reads(q, m.dossierId) };
        dossiers.set(m.dossierId, d);
      }
      if (!d.facts) continue;
      const message: QueuedMessage = {
        id: messageId,
        dossierId: m.dossierId,
        seq: Number(m.seq),
        body: m.body,
        createdAt: asDate(m.createdAt),
        author: { userId: m.authorId, name: displayName(m) },
        side: side === "advisor" ? "advisor" : "applicant",
        chosen: chosenOf.get(messageId) ?? new Set(),
      };
      for (const { recipient, delivery } of messageEmails(message, d.facts)) {
        // C7: read in the app before its email was even written (markRead cancels those already
        // written): written cancelled, with the same reason as cancelReadNotifications gives.
        deliveries.push(
          readInApp(d.reads.get(recipient.userId), message.seq) ? { ...delivery, cancelled: READ_IN_APP } : delivery,
        );
      }
    }
    // Written after the batch's reads, together.
    await recordEmails(deliveries, q);
    return claimed.length;
  });
}

async function reads(q: HotQueries, dossierId: string): Promise<Map<string, number>> {
  const rows = await q.all<{ userId: string; lastReadSeq: number | bigint }>(READS, [dossierId]);
  return new Map(rows.map((r) => [r.userId, Number(r.lastReadSeq)]));
}

/** Writes every queued message's emails (the outbox worker, before each pass; tests). */
export async function writeQueuedEmails(): Promise<void> {
  if (!(await hot().get(ANY_QUEUED, []))) return;
  while ((await writeBatch()) === EMAIL_BATCH);
}

/** A send queued its emails and committed: they are written soon, with those of the sends that follow. */
export const scheduleQueuedEmails = batchedPass("message-emails", {
  run: writeBatch,
  batch: EMAIL_BATCH,
  delayMs: DELAY_MS,
  burstDelayMs: BURST_DELAY_MS,
  name: "writing message emails",
});
