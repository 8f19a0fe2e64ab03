"use server";
// Server actions of the organization's partner directory (S12): thin, through the one action builder.
import { action } from "../../auth/action";
import { addApprovedPartner, removeApprovedPartner, savePartnerSettings } from "./directory";

export const addApprovedPartnerAction = action("directory.add", (actor, input: unknown) =>
  addApprovedPartner(actor, input),
);
export const removeApprovedPartnerAction = action("directory.remove", (actor, input: unknown) =>
  removeApprovedPartner(actor, input),
);
export const savePartnerSettingsAction = action("directory.settings", (actor, input: unknown) =>
  savePartnerSettings(actor, input),
);
