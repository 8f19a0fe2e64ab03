"use server";
// R3: server action of the organization's reminder settings: thin, it gets the actor and calls the service.
import { currentActor } from "../../auth/session";
import type { AppError } from "../../errors";
import { t } from "../../i18n";
import { updateReminderSettings, type OrganizationReminderSettings } from "./service";

type ActionResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Input `{ organizationId, delayDays, toAllApplicants }`. */
export async function updateReminderSettingsAction(
  input: unknown,
): Promise<ActionResult<OrganizationReminderSettings>> {
  const actor = await currentActor();
  if (!actor) return { ok: false, error: { code: "unauthorized", message: t("fr", "error.unauthorized") } };
  return updateReminderSettings(actor, input);
}
