// X2, A3, A5: after a change that may move what partners reach (a status, a template, a stage choice),
// every partner of the dossier is checked again under the change's lock: those who lost the dossier have
// their sockets cut after commit, those still on it are told to refetch (a page turning read-only, a
// field or document appearing), with an empty partner-audience event (one room holds every partner).
import type { ChangeContext } from "../dossier/change";
import { partnerAccess } from "../dossier/policy";
import { publisher } from "../ports";
import { PARTNER_VIEW_CHANGED, type PartnerViewChangedPayload } from "./events";
import { LIVE_PARTNERS } from "./queries";

export async function partnersAccessChanged(ctx: ChangeContext<unknown>): Promise<void> {
  const partners = await ctx.q.all<{ userId: string }>(LIVE_PARTNERS, [ctx.dossierId]);
  for (const { userId } of partners)
    if (!(await partnerAccess({ userId }, ctx.dossierId, ctx.q)))
      ctx.afterCommit(() => publisher().revokePartner?.(userId, ctx.dossierId));
  // Always an event when there are partners: a change without one rolls back, and its revocations with it.
  if (partners.length) await notifyPartnerViews(ctx);
}

/** Partner pages refetch through their own filters (X2: no content in the partners' room). */
export async function notifyPartnerViews(ctx: ChangeContext<unknown>): Promise<void> {
  const payload: PartnerViewChangedPayload = {};
  await ctx.emit(PARTNER_VIEW_CHANGED, payload, { audience: "partners" });
}
