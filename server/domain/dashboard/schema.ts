// Dashboard filters (D2) and the read marker (C7), parsed at the edge.
import { z } from "zod";

const id = z.string().min(1).max(64);

export const dashboardFiltersSchema = z.object({
  recent: z.boolean().default(true),
  paused: z.boolean().default(false),
  mine: z.boolean().default(false),
  organizationId: id.optional(),
});
export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

export const markReadSchema = z.object({ dossierId: id, seq: z.number().int().min(0) });

/** Filters from the page's query string. "f" marks a submitted form: then an absent box means off. */
export function filtersFromSearchParams(sp: Record<string, string | string[] | undefined>): DashboardFilters {
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k][0] : sp[k]);
  const submitted = one("f") === "1";
  const org = one("org");
  return dashboardFiltersSchema.parse({
    recent: submitted ? one("recent") === "1" : true,
    paused: one("paused") === "1",
    mine: one("mine") === "1",
    organizationId: org && org.length <= 64 ? org : undefined,
  });
}

export const RECENT_DAYS = 30;
