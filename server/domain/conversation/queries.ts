// The conversation's reads (C8, G11): prepared statements, keyset pages by seq on the unique
// ("dossierId", "seq") index, so an old page of a 10,000-message dossier costs what the newest does.
import { hot } from "../../db";
import { asDate, sql } from "../../db/hot";
import { audienceSlots, type DossierAccess } from "../dossier/policy";
import { DOSSIER_PAUSED, DOSSIER_REACTIVATED } from "../pause/events";
import type { MessageView } from "./events";
import { displayName } from "../text";

/** Above any seq (PostgreSQL's INT): "before the end". */
export const SEQ_END = 2_147_483_647;

export const LATEST_MESSAGES = sql(
  "conversation.latestMessages",
  `SELECT m."id" AS "id", m."clientId" AS "clientId", m."seq" AS "seq", m."body" AS "body", m."createdAt" AS "createdAt",
     u."id" AS "authorId", u."name" AS "authorName", u."email" AS "authorEmail"
   FROM "Message" m JOIN "User" u ON u."id" = m."authorId"
   WHERE m."dossierId" = ? ORDER BY m."seq" DESC LIMIT ?`,
);

const OLDER_MESSAGES = sql(
  "conversation.olderMessages",
  `SELECT m."id" AS "id", m."clientId" AS "clientId", m."seq" AS "seq", m."body" AS "body", m."createdAt" AS "createdAt",
     u."id" AS "authorId", u."name" AS "authorName", u."email" AS "authorEmail"
   FROM "Message" m JOIN "User" u ON u."id" = m."authorId"
   WHERE m."dossierId" = ? AND m."seq" < ? ORDER BY m."seq" DESC LIMIT ?`,
);

export type MessageRow = {
  id: string;
  clientId: string;
  seq: number;
  body: string;
  createdAt: unknown;
  authorId: string;
  authorName: string | null;
  authorEmail: string;
};

export function rowToView(dossierId: string, r: MessageRow): MessageView {
  return {
    id: r.id,
    dossierId,
    clientId: r.clientId,
    seq: Number(r.seq),
    body: r.body,
    createdAt: asDate(r.createdAt).toISOString(),
    author: { id: r.authorId, name: displayName({ name: r.authorName, email: r.authorEmail }) },
  };
}

/** Newest first, at most `limit`: the newest page, or the page just before `beforeSeq`. */
export function messagesBefore(dossierId: string, beforeSeq: number | null, limit: number): Promise<MessageRow[]> {
  return beforeSeq === null
    ? hot().all<MessageRow>(LATEST_MESSAGES, [dossierId, limit])
    : hot().all<MessageRow>(OLDER_MESSAGES, [dossierId, beforeSeq, limit]);
}

const SYSTEM_LINES = sql(
  "conversation.systemLines",
  `SELECT "seq", "type", "payload", "createdAt" FROM "DossierEvent"
   WHERE "dossierId" = ? AND "seq" > ? AND "seq" < ? AND "type" IN (?, ?) AND "audience" IN (?, ?, ?)
   ORDER BY "seq" DESC LIMIT ?`,
);

export type SystemLineRow = { seq: number; type: string; payload: string; createdAt: unknown };

/** P9: the pauses and reactivations the viewer may see with afterSeq < seq < beforeSeq, newest first. */
export function systemLinesBetween(
  access: DossierAccess,
  afterSeq: number,
  beforeSeq: number,
  limit: number,
): Promise<SystemLineRow[]> {
  return hot().all<SystemLineRow>(SYSTEM_LINES, [
    access.dossierId,
    afterSeq,
    beforeSeq,
    DOSSIER_PAUSED,
    DOSSIER_REACTIVATED,
    ...audienceSlots(access),
    limit,
  ]);
}

const RECIPIENTS = sql(
  "conversation.recipients",
  `SELECT m."seq" AS "seq", u."name" AS "name", u."email" AS "email"
   FROM "Message" m
   JOIN "MessageRecipient" r ON r."messageId" = m."id"
   JOIN "User" u ON u."id" = r."userId"
   WHERE m."dossierId" = ? AND m."seq" >= ? AND m."seq" <= ?
   ORDER BY m."seq" ASC, u."name" ASC`,
);

/** C2, C3: the names each message of a seq range was addressed to (advisor side only: see service). */
export async function recipientNames(
  dossierId: string,
  fromSeq: number,
  toSeq: number,
): Promise<Map<number, string[]>> {
  const rows = await hot().all<{ seq: number; name: string | null; email: string }>(RECIPIENTS, [
    dossierId,
    fromSeq,
    toSeq,
  ]);
  const bySeq = new Map<number, string[]>();
  for (const r of rows) {
    const seq = Number(r.seq);
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), displayName(r)]);
  }
  return bySeq;
}

const LAST_READ = sql(
  "conversation.lastRead",
  `SELECT "lastReadSeq" AS "lastReadSeq" FROM "DossierRead" WHERE "userId" = ? AND "dossierId" = ?`,
);

/** C7, C8: the seq the user last read on the dossier (0 when never). */
export async function lastReadSeq(userId: string, dossierId: string): Promise<number> {
  const row = await hot().get<{ lastReadSeq: number }>(LAST_READ, [userId, dossierId]);
  return row ? Number(row.lastReadSeq) : 0;
}
