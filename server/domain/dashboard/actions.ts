"use server";
// Server actions of the dashboard: the live client refetches its rows with its filters.
import { action } from "../../auth/action";
import { dashboardRows } from "./service";

export const refreshDashboardAction = action("dashboard.refresh", async (actor, filters: unknown) => ({
  ok: true as const,
  value: await dashboardRows(actor, filters),
}));
