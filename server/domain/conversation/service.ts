// Posting a message (C1, C4, C5): validated, authorized, stored with its event in one transaction,
// published after commit. Shared by the socket handler and any server action.
import type { Actor } from "../../auth/actor";
import { db, hot, isUniqueViolation } from "../../db";
import { asDate, newId, sql } from "../../db/hot";
import { fail, type AppError, type Result } from "../../errors";
import type { DossierEventWire } from "../dossier/events";
import type { MessageView } from "./events";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { audienceSlots, type DossierAccess } from "../dossier/policy";
import { messageRecipients, notifyMessage } from "../notification/service";
import { DOSSIER_PAUSED, DOSSIER_REACTIVATED } from "../pause/events";
import { reactivateOnApplicantActivity } from "../pause/service";
import { MESSAGE_CREATED } from "./events";
import { canPostMessage } from "./policy";
import { bodyProblem, sendMessageSchema, type SendMessageInput } from "./schema";
import { displayName } from "../text";
import { consume } from "../../ratelimit";

const messageSelect = {
  id: true,
  dossierId: true,
  clientId: true,
  seq: true,
  body: true,
  createdAt: true,
  author: { select: { id: true, name: true, email: true } },
} as const;

type MessageRow = {
  id: string;
  dossierId: string;
  clientId: string;
  seq: number;
  body: string;
  createdAt: Date;
  author: { id: string; name: string | null; email: string };
};

export function toMessageView(m: MessageRow): MessageView {
  return {
    id: m.id,
    dossierId: m.dossierId,
    clientId: m.clientId,
    seq: m.seq,
    body: m.body,
    createdAt: m.createdAt.toISOString(),
    author: { id: m.author.id, name: displayName(m.author) },
  };
}

export async function postMessage(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<{ ok: true; message: MessageView } | { ok: false; error: AppError }> {
  const parsed = sendMessageSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const input = parsed.data;
  const problem = bodyProblem(input.body);
  if (problem) return fail("invalid", actor.locale, problem);
  // X4: one user cannot flood a dossier (or the outbox) with messages.
  if (!(await consume("message.send", actor.userId))) return fail("rate_limited", actor.locale);

  // One change on prepared statements (G3, G5). C4: a retry of a committed send is not looked up
  // first: its insert hits the unique client id, everything rolls back (no seq is used) and the stored
  // message is the answer. P6: an applicant's message on a paused dossier reactivates it in the same change.
  let res: Result<MessageView>;
  try {
    res = await changeDossier(
      { dossierId: input.dossierId, actor, now, authorize: (q, id) => canPostMessage(actor, id, q) },
      (ctx) => send(ctx, input),
    );
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    res = fail("conflict", actor.locale);
  }
  if (res.ok) return { ok: true, message: res.value };
  // C4: a send already stored under this client id is answered with its message, even if the retry
  // would now be refused; on another dossier the client id is a conflict.
  const stored = await findByClientId(actor, input.clientId);
  if (stored)
    return stored.dossierId === input.dossierId ? { ok: true, message: stored } : fail("conflict", actor.locale);
  return res;
}

const INSERT_MESSAGE = sql(
  "conversation.insertMessage",
  `INSERT INTO "Message" ("id", "dossierId", "authorId", "clientId", "body", "seq", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
);

/** The send's statements, inside the dossier's change. */
async function send(ctx: ChangeContext<DossierAccess>, input: SendMessageInput): Promise<MessageView> {
  const { q, access, now } = ctx;
  const actor = ctx.actor!;
  // C2, C3: the chosen recipients must be advisors of the dossier; none chosen means the preselection.
  const recipients = await messageRecipients(q, input.dossierId, access.side, actor.userId, input.recipientIds);
  if (!recipients) ctx.refuse("invalid", "notify.composer.invalidRecipients");
  const seq = await ctx.seq();
  // The author is the actor: nothing is read back.
  const message: MessageView = {
    id: newId(),
    dossierId: input.dossierId,
    clientId: input.clientId,
    seq,
    body: input.body,
    createdAt: now.toISOString(),
    author: { id: actor.userId, name: actor.name },
  };
  await q.write(INSERT_MESSAGE, [message.id, input.dossierId, actor.userId, input.clientId, input.body, seq, now]);
  await ctx.emit(MESSAGE_CREATED, message, { seq });
  await reactivateOnApplicantActivity(ctx, "message");
  // After the reactivation, so that the gate sees the dossier's state once the message is in (P4, P6).
  await notifyMessage(q, {
    dossierId: input.dossierId,
    messageId: message.id,
    seq,
    body: input.body,
    author: { userId: actor.userId, name: actor.name },
    side: access.side,
    recipients,
    now,
  });
  return message;
}

const LATEST_MESSAGES = sql(
  "conversation.latestMessages",
  `SELECT m."id" AS "id", m."clientId" AS "clientId", m."seq" AS "seq", m."body" AS "body", m."createdAt" AS "createdAt",
     u."id" AS "authorId", u."name" AS "authorName", u."email" AS "authorEmail"
   FROM "Message" m JOIN "User" u ON u."id" = m."authorId"
   WHERE m."dossierId" = ? ORDER BY m."seq" DESC LIMIT ?`,
);

type LatestRow = {
  id: string;
  clientId: string;
  seq: number;
  body: string;
  createdAt: unknown;
  authorId: string;
  authorName: string | null;
  authorEmail: string;
};

/** The newest messages of a dossier the caller has access to, oldest first (G11: a prepared statement on every page). */
export async function latestMessages(access: DossierAccess, limit = 50): Promise<MessageView[]> {
  const rows = await hot().all<LatestRow>(LATEST_MESSAGES, [access.dossierId, limit]);
  return rows.reverse().map((r) =>
    toMessageView({
      id: r.id,
      dossierId: access.dossierId,
      clientId: r.clientId,
      seq: Number(r.seq),
      body: r.body,
      createdAt: asDate(r.createdAt),
      author: { id: r.authorId, name: r.authorName, email: r.authorEmail },
    }),
  );
}

/** P9: pauses and reactivations, shown as system lines among the loaded messages (from their first seq). */
export type SystemLine = Pick<DossierEventWire, "seq" | "type" | "payload" | "at">;

const SYSTEM_LINES = sql(
  "conversation.systemLines",
  `SELECT "seq", "type", "payload", "createdAt" FROM "DossierEvent"
   WHERE "dossierId" = ? AND "seq" > ? AND "type" IN (?, ?) AND "audience" IN (?, ?, ?) ORDER BY "seq" DESC LIMIT ?`,
);

export async function latestConversation(
  access: DossierAccess,
  limit = 50,
): Promise<{ messages: MessageView[]; systemLines: SystemLine[] }> {
  const messages = await latestMessages(access, limit);
  // With fewer messages than the limit, the whole conversation is loaded: every line since the start.
  const fromSeq = messages.length >= limit ? messages[0].seq : 0;
  const rows = await hot().all<{ seq: number; type: string; payload: string; createdAt: unknown }>(SYSTEM_LINES, [
    access.dossierId,
    fromSeq,
    DOSSIER_PAUSED,
    DOSSIER_REACTIVATED,
    ...audienceSlots(access),
    limit,
  ]);
  return {
    messages,
    systemLines: rows.reverse().map((r) => ({
      seq: Number(r.seq),
      type: r.type,
      payload: JSON.parse(r.payload),
      at: asDate(r.createdAt).toISOString(),
    })),
  };
}

async function findByClientId(actor: Actor, clientId: string): Promise<MessageView | null> {
  const row = await db().message.findUnique({
    where: { authorId_clientId: { authorId: actor.userId, clientId } },
    select: messageSelect,
  });
  return row ? toMessageView(row) : null;
}
