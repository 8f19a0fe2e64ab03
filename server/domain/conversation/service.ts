// Posting a message (C1, C4, C5): validated, authorized, stored with its event in one transaction,
// published after commit. Shared by the socket handler and any server action.
import type { Actor } from "../../auth/actor";
import { db, isUniqueViolation } from "../../db";
import { asDate, newId, sql } from "../../db/hot";
import { fail, ok, type AppError, type Result } from "../../errors";
import type { DossierEventWire } from "../dossier/events";
import { HISTORY_PAGE_SIZE, type MessageView } from "./events";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { allows, dossierAccess, seqCap, type DossierAccess } from "../dossier/policy";
import { scheduleQueuedEmails } from "../notification/pending";
import { messageRecipients, notifyMessage } from "../notification/service";
import { reactivateOnApplicantActivity } from "../pause/service";
import { MESSAGE_CREATED } from "./events";
import { canPostMessage } from "./policy";
import { lastReadSeq, messagesBefore, recipientNames, rowToView, SEQ_END, systemLinesBetween } from "./queries";
import { bodyProblem, historySchema, recipientsSchema, sendMessageSchema, type SendMessageInput } from "./schema";
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
  const recipientIds = await messageRecipients(q, input.dossierId, access.side, actor.userId, input.recipientIds);
  if (!recipientIds) ctx.refuse("invalid", "notify.composer.invalidRecipients");
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
  // The emails are written just after the commit, with the dossier's state once the message is in (P4, P6).
  await notifyMessage(q, { messageId: message.id, side: access.side, recipientIds });
  ctx.afterCommit(() => scheduleQueuedEmails());
  return message;
}

/** The newest messages of a dossier the caller has access to, oldest first (G11: a prepared statement on every page). */
export async function latestMessages(access: DossierAccess, limit = HISTORY_PAGE_SIZE): Promise<MessageView[]> {
  // T4: a read-only copy shows the conversation as it was at the transfer.
  const cap = seqCap(access);
  const rows = await messagesBefore(access.dossierId, cap === SEQ_END ? null : cap + 1, limit);
  return rows.reverse().map((r) => rowToView(access.dossierId, r));
}

/** P9: pauses and reactivations, shown as system lines among the loaded messages (from their first seq). */
export type SystemLine = Pick<DossierEventWire, "seq" | "type" | "payload" | "at">;

/** A page of the conversation: messages and system lines, oldest first. */
export type ConversationPage = { messages: MessageView[]; systemLines: SystemLine[]; hasOlder: boolean };

/**
 * The system lines between a page's first message and `beforeSeq`; when no older message is left, the
 * page reaches the start of the conversation, so every line since the start. Advisors also get who each message was
 * addressed to (C2, C3; A4: never the applicant side).
 */
async function withLines(
  access: DossierAccess,
  messages: MessageView[],
  beforeSeq: number,
  hasOlder: boolean,
  limit: number,
): Promise<ConversationPage> {
  const fromSeq = hasOlder ? messages[0].seq : 0;
  const [rows, to] = await Promise.all([
    systemLinesBetween(access, fromSeq, beforeSeq, limit),
    access.side === "advisor" && messages.length > 0
      ? recipientNames(access.dossierId, messages[0].seq, messages[messages.length - 1].seq)
      : null,
  ]);
  return {
    hasOlder,
    messages: to ? messages.map((m) => (to.has(m.seq) ? { ...m, to: to.get(m.seq) } : m)) : messages,
    systemLines: rows.reverse().map((r) => ({
      seq: Number(r.seq),
      type: r.type,
      payload: JSON.parse(r.payload),
      at: asDate(r.createdAt).toISOString(),
    })),
  };
}

export async function latestConversation(access: DossierAccess, limit = HISTORY_PAGE_SIZE): Promise<ConversationPage> {
  const messages = await latestMessages(access, limit);
  // A full newest page may have older ones (the reader finds out with the next page).
  const cap = seqCap(access);
  return withLines(access, messages, cap === SEQ_END ? SEQ_END : cap + 1, messages.length >= limit, limit);
}

/** C8: the page of messages just before `beforeSeq` (keyset by seq), with its system lines, oldest first. */
export async function olderMessages(
  access: DossierAccess,
  beforeSeq: number,
  limit = HISTORY_PAGE_SIZE,
): Promise<ConversationPage> {
  // T4: never past a read-only copy's snapshot.
  beforeSeq = Math.min(beforeSeq, seqCap(access) === SEQ_END ? SEQ_END : seqCap(access) + 1);
  // One more row than shown says whether the start is reached (no empty page to ask for at the end).
  const rows = await messagesBefore(access.dossierId, beforeSeq, limit + 1);
  const messages = rows
    .slice(0, limit)
    .reverse()
    .map((r) => rowToView(access.dossierId, r));
  return withLines(access, messages, beforeSeq, rows.length > limit, limit);
}

/** C8: an older page for the conversation, through the dossier policy (A1: no access is not_found). */
export async function historyPage(actor: Actor, raw: unknown): Promise<Result<ConversationPage>> {
  const parsed = historySchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const access = await dossierAccess(actor, parsed.data.dossierId);
  if (!allows(access, "dossier.read")) return fail("not_found", actor.locale);
  return ok(await olderMessages(access, parsed.data.beforeSeq));
}

/**
 * C2, C3: who the messages of a seq range were addressed to, for a live conversation on the advisor
 * side. The applicant side gets nothing (A4): empty, as if no message had recipients.
 */
export async function addressedTo(actor: Actor, raw: unknown): Promise<Result<Record<number, string[]>>> {
  const parsed = recipientsSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const access = await dossierAccess(actor, parsed.data.dossierId);
  if (!allows(access, "dossier.read")) return fail("not_found", actor.locale);
  if (access.side !== "advisor") return ok({});
  const names = await recipientNames(access.dossierId, parsed.data.fromSeq, parsed.data.toSeq);
  return ok(Object.fromEntries(names));
}

/** C8: the unread marker starts after this seq (C7's read marker). */
export function lastReadFor(actor: Actor, access: DossierAccess): Promise<number> {
  return lastReadSeq(actor.userId, access.dossierId);
}

async function findByClientId(actor: Actor, clientId: string): Promise<MessageView | null> {
  const row = await db().message.findUnique({
    where: { authorId_clientId: { authorId: actor.userId, clientId } },
    select: messageSelect,
  });
  return row ? toMessageView(row) : null;
}
