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

  // C4: a retry of a committed send returns the stored message and stores nothing.
  const existing = await findByClientId(actor, input.clientId);
  if (existing) {
    return existing.dossierId === input.dossierId ? { ok: true, message: existing } : fail("conflict", actor.locale);
  }
  const before = await canPostMessage(actor, input.dossierId);
  if (!before) return fail("not_found", actor.locale);
  // C2, C3: the chosen recipients must be advisors of the dossier; none chosen means the preselection.
  const recipientIds = await messageRecipients(db(), input.dossierId, before.side, actor.userId, input.recipientIds);
  if (!recipientIds) return fail("invalid", actor.locale, "notify.composer.invalidRecipients");

  try {
    const { message, events } = await db().$transaction(async (tx) => {
      const { seq, organizationId } = await nextSeq(tx, input.dossierId, now);
      // Checked again inside the transaction: a member removed meanwhile cannot post.
      const access = await canPostMessage(actor, input.dossierId, tx);
      if (!access) throw new AccessLost();
      const row = await tx.message.create({
        data: { dossierId: input.dossierId, authorId: actor.userId, clientId: input.clientId, body: input.body, seq, createdAt: now },
        select: messageSelect,
      });
      const message = toMessageView(row);
      const event = await appendEvent(tx, { dossierId: input.dossierId, organizationId, seq, type: MESSAGE_CREATED, audience: "all", actorId: actor.userId, payload: message, at: now });
      const reactivation = await reactivateOnApplicantActivity(tx, access, actor, "message", now);
      // After the reactivation, so that the gate sees the dossier's state once the message is in (P4, P6).
      await notifyMessage(tx, { dossierId: input.dossierId, messageId: message.id, seq, body: input.body, author: { userId: actor.userId, name: actor.name }, side: access.side, recipientIds, now });
      return { message, events: [event, ...reactivation] };
    });
    publishAll(events);
    return { ok: true, message };
  } catch (e) {
    if (e instanceof AccessLost) return fail("not_found", actor.locale);
    if (isUniqueViolation(e)) {
      // A concurrent retry with the same client id won the race: answer with its message.
      const again = await findByClientId(actor, input.clientId);
      if (again && again.dossierId === input.dossierId) return { ok: true, message: again };
    }
    throw e;
  }
}

class AccessLost extends Error {}

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
