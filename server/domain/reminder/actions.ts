"use server";
// R3: server action of the organization's reminder settings, through the one action builder.
import { action } from "../../auth/action";
import { updateReminderSettings } from "./service";

/** Input `{ organizationId, delayDays, toAllApplicants }`. */
export const updateReminderSettingsAction = action("reminder.settings", (actor, input: unknown) =>
  updateReminderSettings(actor, input),
);
