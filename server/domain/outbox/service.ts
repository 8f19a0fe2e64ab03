// N6: the staff view of email deliveries that failed after their last try, or still wait. Staff see
// their own organizations' deliveries only (A3): those recorded for the organization (digests,
// reminders) and those about one of its dossiers (notifications, invitations).
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { staffOrganizationIds } from "../dossier/policy";

export const DELIVERY_LIST_LIMIT = 100;

export type DeliveryRow = {
  id: string;
  kind: string;
  toEmail: string;
  /** empty until the email is rendered, when it leaves (N9): see deliverySubject */
  subject: string;
  template: string;
  params: string;
  locale: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  dossierId: string | null;
};

export type DeliveryLists = { failed: DeliveryRow[]; pending: DeliveryRow[]; cancelled: DeliveryRow[] };

/** N9, C7: why a delivery was cancelled, as a catalogue key suffix (outbox.reason.*), from its recorded error. */
export function cancellationReason(lastError: string | null): string | null {
  if (!lastError) return null;
  if (lastError.startsWith("read in the app")) return "read";
  const m = /^cancelled when leaving: (\w+)$/.exec(lastError);
  return m ? m[1] : null;
}

export async function deliveriesForStaff(actor: Actor): Promise<Result<DeliveryLists>> {
  const orgIds = await staffOrganizationIds(actor);
  if (orgIds.length === 0) return fail("not_found", actor.locale);
  const dossierIds = (
    await db().dossier.findMany({ where: { organizationId: { in: orgIds } }, select: { id: true } })
  ).map((d) => d.id);
  const scope = { OR: [{ organizationId: { in: orgIds } }, { dossierId: { in: dossierIds } }] };
  const select = {
    id: true,
    kind: true,
    toEmail: true,
    subject: true,
    template: true,
    params: true,
    locale: true,
    attempts: true,
    lastError: true,
    createdAt: true,
    nextAttemptAt: true,
    dossierId: true,
  } as const;
  const [failed, pending, cancelled] = await Promise.all([
    db().emailDelivery.findMany({
      where: { status: "failed", ...scope },
      orderBy: { createdAt: "desc" },
      take: DELIVERY_LIST_LIMIT,
      select,
    }),
    db().emailDelivery.findMany({
      where: { status: "pending", ...scope },
      orderBy: { createdAt: "asc" },
      take: DELIVERY_LIST_LIMIT,
      select,
    }),
    // N9: emails that did not leave, newest first, each with its reason.
    db().emailDelivery.findMany({
      where: { status: "cancelled", ...scope },
      orderBy: { createdAt: "desc" },
      take: DELIVERY_LIST_LIMIT,
      select,
    }),
  ]);
  const view = (d: (typeof failed)[number]): DeliveryRow => ({
    ...d,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: d.nextAttemptAt.toISOString(),
  });
  return ok({ failed: failed.map(view), pending: pending.map(view), cancelled: cancelled.map(view) });
}

/** Local mode only (no RESEND_API_KEY): the newest emails of the local mailbox, for /dev/mailbox. */
export async function localMailbox(limit = 100) {
  return db().localMail.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
