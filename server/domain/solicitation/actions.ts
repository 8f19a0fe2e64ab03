"use server";
// Server actions of the solicitation area: thin, through the one action builder.
import { headers } from "next/headers";
import { action } from "../../auth/action";
import { choosePartnerStages } from "./choose-stages";
import { attachWithKey, createSolicitation, revokeSolicitation, solicitationsPanel } from "./service";
import { notifyPartners, remindPartner, renewPartnerKey } from "./reminders";

export const createSolicitationAction = action("solicitation.create", async (actor, input: unknown) => {
  const res = await createSolicitation(actor, input);
  // The key goes by email only: never back to the advisor's browser.
  return res.ok ? { ok: true as const, value: { solicitationId: res.value.solicitationId } } : res;
});

export const revokeSolicitationAction = action("solicitation.revoke", (actor, input: unknown) =>
  revokeSolicitation(actor, input),
);

export const notifyPartnersAction = action("solicitation.notify", (actor, input: unknown) =>
  notifyPartners(actor, input),
);

/** S6 (issue 16): remind one partner, under the same once-a-day limit as Notify. */
export const remindPartnerAction = action("solicitation.remind", (actor, input: unknown) =>
  remindPartner(actor, input),
);

/** S2 (issue 16): "Renvoyer une clé": a new key to an external partner who has not attached yet. */
export const renewPartnerKeyAction = action("solicitation.renewKey", (actor, input: unknown) =>
  renewPartnerKey(actor, input),
);

/** The panel refetches its list when a solicitation event arrives (the events carry no answers, S11). */
export const refreshSolicitationsAction = action("solicitation.refresh", (actor, dossierId: unknown) =>
  solicitationsPanel(actor, dossierId),
);

/** S2: a partner attaches a solicitation with its key; the per-address limit uses the client address. */
export const attachAction = action("solicitation.attach", async (actor, input: unknown) =>
  attachWithKey(actor, input, (await headers()).get("x-relais-client-address") ?? "unknown"),
);

/** S3 (issue 16 item 2): the stages at which one solicitation's partner sees and edits the dossier. */
export const choosePartnerStagesAction = action("solicitation.stages", (actor, input: unknown) =>
  choosePartnerStages(actor, input),
);
