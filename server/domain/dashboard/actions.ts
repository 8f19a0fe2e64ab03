"use server";
// Server actions of the dashboard: the live client refetches its rows with its filters.
import { currentActor } from "../../auth/session";
import { dashboardRows, type DashboardRow } from "./service";

export async function refreshDashboardAction(filters: unknown): Promise<DashboardRow[] | null> {
  const actor = await currentActor();
  if (!actor) return null;
  return dashboardRows(actor, filters);
}
