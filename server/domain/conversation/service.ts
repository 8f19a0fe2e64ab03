// Posting a message (C1, C4, C5): validated, authorized, stored with its event in one transaction,
// published after commit. Shared by the socket handler and any server action.
import type { Actor } from "../../auth/actor";
import { db, isUniqueViolation } from "../../db";
import { fail, type AppError } from "../../errors";
import type { DossierEventWire, MessageView } from "../../realtime/contract";
import { appendEvent, nextSeq, publishAll } from "../dossier/events";
import { audiencesFor, type DossierAccess } from "../dossier/policy";
import { messageRecipients, notifyMessage } from "../notification/service";
import { DOSSIER_PAUSED, DOSSIER_REACTIVATED } from "../pause/events";
import { reactivateOnApplicantActivity } from "../pause/service";
import { MESSAGE_CREATED } from "./events";
import { canPostMessage } from "./policy";
import { bodyProblem, sendMessageSchema } from "./schema";

const messageSelect = {
  id: true,
  dossierId: true,
  clientId: true,
  seq: true,
  body: true,
  createdAt: true,
  author: { select: { id: true, name: true, email: true } },
} as const;

type MessageRow = { id: string; dossierId: string; clientId: string; seq: number; body: string; createdAt: Date; author: { id: string; name: string | null; email: string } };

export function toMessageView(m: MessageRow): MessageView {
  return { id: m.id, dossierId: m.dossierId, clientId: m.clientId, seq: m.seq, body: m.body, createdAt: m.createdAt.toISOString(), author: { id: m.author.id, name: m.author.name ?? m.author.email } };
}

export async function postMessage(actor: Actor, raw: unknown, now = new Date()): Promise<{ ok: true; message: MessageView } | { ok: false; error: AppError }> {
  const parsed = sendMessageSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const input = parsed.data;
  const problem = bodyProblem(input.body);
  if (problem) return fail("invalid", actor.locale, problem);

  // One transaction does it all (G3, G5: every statement through the ORM costs a few hundred µs, so
  // nothing is read twice). The first statement takes the dossier's lock; access is checked under it.
  // C4: a retry of a committed send is not looked up first: its insert hits the unique client id,
  // everything rolls back (no seq is used) and the stored message is the answer.
  try {
    const { message, events } = await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, input.dossierId, now);
      const access = await canPostMessage(actor, input.dossierId, tx);
      if (!access) throw new Refused("not_found");
      // C2, C3: the chosen recipients must be advisors of the dossier; none chosen means the preselection.
      const recipients = await messageRecipients(tx, input.dossierId, access.side, actor.userId, input.recipientIds);
      if (!recipients) throw new Refused("invalid", "notify.composer.invalidRecipients");
      // Scalars only: the author is the actor, so no second read of the row and its user.
      const row = await tx.message.create({
        data: { dossierId: input.dossierId, authorId: actor.userId, clientId: input.clientId, body: input.body, seq, createdAt: now },
        select: { id: true, dossierId: true, clientId: true, seq: true, body: true, createdAt: true },
      });
      const message = toMessageView({ ...row, author: { id: actor.userId, name: actor.name, email: actor.email } });
      const event = await appendEvent(tx, { dossierId: input.dossierId, organizationId, seq, type: MESSAGE_CREATED, audience: "all", actorId: actor.userId, payload: message, at: now });
      // P6: only a paused dossier has anything to reactivate; pausedAt was read under the lock above.
      const reactivation = access.pausedAt ? await reactivateOnApplicantActivity(tx, access, actor, "message", now) : [];
      // After the reactivation, so that the gate sees the dossier's state once the message is in (P4, P6).
      await notifyMessage(tx, { dossierId: input.dossierId, messageId: message.id, seq, body: input.body, author: { userId: actor.userId, name: actor.name }, side: access.side, recipients, now });
      return { message, events: [event, ...reactivation] };
    });
    publishAll(events);
    return { ok: true, message };
  } catch (e) {
    const refused = e instanceof Refused || isNotFound(e);
    if (refused || isUniqueViolation(e)) {
      // C4: a send already stored under this client id is answered with its message, even if the
      // retry would now be refused; on another dossier the client id is a conflict.
      const stored = await findByClientId(actor, input.clientId);
      if (stored) return stored.dossierId === input.dossierId ? { ok: true, message: stored } : fail("conflict", actor.locale);
      if (e instanceof Refused) return fail(e.code, actor.locale, e.messageKey);
      if (refused) return fail("not_found", actor.locale);
    }
    throw e;
  }
}

/** A send refused inside the transaction (which then rolls back, leaving no seq used). */
class Refused extends Error {
  constructor(
    readonly code: "not_found" | "invalid",
    readonly messageKey?: "notify.composer.invalidRecipients",
  ) {
    super(code);
  }
}

/** Prisma P2025: the dossier to take a seq from does not exist. */
function isNotFound(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "P2025";
}


/** The newest messages of a dossier the caller has access to, oldest first. */
export async function latestMessages(access: DossierAccess, limit = 50): Promise<MessageView[]> {
  const rows = await db().message.findMany({ where: { dossierId: access.dossierId }, orderBy: { seq: "desc" }, take: limit, select: messageSelect });
  return rows.reverse().map(toMessageView);
}

/** P9: pauses and reactivations, shown as system lines among the loaded messages (from their first seq). */
export type SystemLine = Pick<DossierEventWire, "seq" | "type" | "payload" | "at">;

export async function latestConversation(access: DossierAccess, limit = 50): Promise<{ messages: MessageView[]; systemLines: SystemLine[] }> {
  const messages = await latestMessages(access, limit);
  // With fewer messages than the limit, the whole conversation is loaded: every line since the start.
  const fromSeq = messages.length >= limit ? messages[0].seq : 0;
  const rows = await db().dossierEvent.findMany({
    where: { dossierId: access.dossierId, seq: { gt: fromSeq }, type: { in: [DOSSIER_PAUSED, DOSSIER_REACTIVATED] }, audience: { in: audiencesFor(access) } },
    orderBy: { seq: "desc" },
    take: limit,
    select: { seq: true, type: true, payload: true, createdAt: true },
  });
  return { messages, systemLines: rows.reverse().map((r) => ({ seq: r.seq, type: r.type, payload: JSON.parse(r.payload), at: r.createdAt.toISOString() })) };
}

async function findByClientId(actor: Actor, clientId: string): Promise<MessageView | null> {
  const row = await db().message.findUnique({ where: { authorId_clientId: { authorId: actor.userId, clientId } }, select: messageSelect });
  return row ? toMessageView(row) : null;
}
