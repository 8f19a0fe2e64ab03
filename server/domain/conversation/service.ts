// Posting a message (C1, C4, C5): validated, authorized, stored with its event in one transaction,
// published after commit. Shared by the socket handler and any server action.
import type { Actor } from "../../auth/actor";
import { db, hot, isUniqueViolation, queriesOf, type Tx } from "../../db";
import { asDate, newId, sql, type HotQueries } from "../../db/hot";
import { fail, type AppError } from "../../errors";
import type { DossierEventWire } from "../dossier/events";
import type { MessageView } from "./events";
import type { PublishedEvent } from "../dossier/events";
import { appendEvent, publishAll, takeSeq } from "../dossier/legacy-events";
import { audienceSlots, type DossierAccess } from "../dossier/policy";
import { messageRecipients, notifyMessage } from "../notification/service";
import { DOSSIER_PAUSED, DOSSIER_REACTIVATED } from "../pause/events";
import { reactivateOnApplicantActivity } from "../pause/service";
import { MESSAGE_CREATED } from "./events";
import { canPostMessage } from "./policy";
import { bodyProblem, sendMessageSchema, type SendMessageInput } from "./schema";

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
    author: { id: m.author.id, name: m.author.name ?? m.author.email },
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

  // One transaction does it all, on prepared statements (G3, G5: server/db/hot.ts). The first
  // statement takes the dossier's lock; access is checked under it. C4: a retry of a committed send is
  // not looked up first: its insert hits the unique client id, everything rolls back (no seq is used)
  // and the stored message is the answer. P6: an applicant's message on a paused dossier reactivates
  // it, which goes through Prisma: that rare send runs the same steps in a Prisma transaction.
  try {
    let result: Sent;
    try {
      result = await hot().transaction((q) => send(q, null, actor, input, now), input.dossierId);
    } catch (e) {
      if (!(e instanceof NeedsPrisma)) throw e;
      result = await db().$transaction((tx) => send(queriesOf(tx), tx, actor, input, now));
    }
    publishAll(result.events);
    return { ok: true, message: result.message };
  } catch (e) {
    if (e instanceof Refused || isUniqueViolation(e)) {
      // C4: a send already stored under this client id is answered with its message, even if the
      // retry would now be refused; on another dossier the client id is a conflict.
      const stored = await findByClientId(actor, input.clientId);
      if (stored)
        return stored.dossierId === input.dossierId ? { ok: true, message: stored } : fail("conflict", actor.locale);
      if (e instanceof Refused) return fail(e.code, actor.locale, e.messageKey);
    }
    throw e;
  }
}

type Sent = { message: MessageView; events: PublishedEvent[] };

const INSERT_MESSAGE = sql(
  "conversation.insertMessage",
  `INSERT INTO "Message" ("id", "dossierId", "authorId", "clientId", "body", "seq", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
);

/** The send's statements, in a hot transaction (q) or, when it must reactivate the dossier, in Prisma's (tx). */
async function send(q: HotQueries, tx: Tx | null, actor: Actor, input: SendMessageInput, now: Date): Promise<Sent> {
  const taken = await takeSeq(q, input.dossierId, now);
  if (!taken) throw new Refused("not_found");
  const { seq, organizationId } = taken;
  const access = await canPostMessage(actor, input.dossierId, q);
  if (!access) throw new Refused("not_found");
  // P6: only a paused dossier has anything to reactivate; pausedAt was read under the lock taken above.
  const reactivates = access.pausedAt !== null && access.side === "applicant";
  if (reactivates && !tx) throw new NeedsPrisma();
  // C2, C3: the chosen recipients must be advisors of the dossier; none chosen means the preselection.
  const recipients = await messageRecipients(q, input.dossierId, access.side, actor.userId, input.recipientIds);
  if (!recipients) throw new Refused("invalid", "notify.composer.invalidRecipients");
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
  const event = await appendEvent(q, {
    dossierId: input.dossierId,
    organizationId,
    seq,
    type: MESSAGE_CREATED,
    audience: "all",
    actorId: actor.userId,
    payload: message,
    at: now,
  });
  const reactivation = reactivates && tx ? await reactivateOnApplicantActivity(tx, access, actor, "message", now) : [];
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
  return { message, events: [event, ...reactivation] };
}

/** An applicant's message on a paused dossier: redone in a Prisma transaction (see postMessage). */
class NeedsPrisma extends Error {}

/** A send refused inside the transaction (which then rolls back, leaving no seq used). */
class Refused extends Error {
  constructor(
    readonly code: "not_found" | "invalid",
    readonly messageKey?: "notify.composer.invalidRecipients",
  ) {
    super(code);
  }
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
