// Who hears what of the live dashboard (D1, N7, A3): a dossier's changes reach its members (the advisor
// side only for advisor-only events, A4) and its organization's staff; nobody else ever learns its id.
import type { Actor } from "../../auth/actor";
import { hot } from "../../db";
import { staffOrganizationIds } from "../dossier/policy";
import { DOSSIER_ADVISORS, DOSSIER_MEMBERS } from "./queries";

/** The users told that a dossier's row changed: its members, or its advisor side only. */
export async function dashboardAudience(dossierId: string, applicantSide: boolean): Promise<string[]> {
  const rows = await hot().all<{ userId: string }>(applicantSide ? DOSSIER_MEMBERS : DOSSIER_ADVISORS, [dossierId]);
  return rows.map((r) => r.userId);
}

/** D1: the organizations whose whole dashboard the actor watches live: those where they are staff or admin. */
export async function watchedOrganizations(actor: Pick<Actor, "userId">): Promise<string[]> {
  return staffOrganizationIds(actor);
}
