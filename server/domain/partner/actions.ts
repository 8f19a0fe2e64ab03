"use server";
// Server actions of the partner area: the organization's partner directory (S12), the partner view's
// live refresh. Thin, through the one action builder.
import { action } from "../../auth/action";
import { addApprovedPartner, removeApprovedPartner, savePartnerSettings } from "./directory";
import { inviteOnBehalfReferent, nameOnBehalfPerson } from "./on-behalf";
import { partnerStillSees } from "./service";

export const addApprovedPartnerAction = action("directory.add", (actor, input: unknown) =>
  addApprovedPartner(actor, input),
);
export const removeApprovedPartnerAction = action("directory.remove", (actor, input: unknown) =>
  removeApprovedPartner(actor, input),
);
export const savePartnerSettingsAction = action("directory.settings", (actor, input: unknown) =>
  savePartnerSettings(actor, input),
);

/** X2: whether the partner still sees the dossier now (after a partner signal, before refreshing). */
export const partnerStillSeesAction = action("partner.stillSees", (actor, dossierId: unknown) =>
  partnerStillSees(actor, dossierId),
);

/** S9: the partner names the person an on-behalf entry is for. */
export const nameOnBehalfAction = action("partner.onBehalf.name", (actor, input: unknown) =>
  nameOnBehalfPerson(actor, input),
);

/** S9: the advisor side invites that person to take over as referent. */
export const inviteOnBehalfReferentAction = action("partner.onBehalf.invite", (actor, input: unknown) =>
  inviteOnBehalfReferent(actor, input),
);
