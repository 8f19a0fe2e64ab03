// Conversation settings input (N1–N3), parsed at the edge.
import { z } from "zod";
import { frequencySchema } from "../notification/schema";

export const PARTICIPATION_SWITCHES = ["fromApplicants", "toApplicants"] as const;
const switchSchema = z.enum(PARTICIPATION_SWITCHES);
const id = z.string().min(1).max(64);

export const frequencyInputSchema = z.object({ frequency: frequencySchema });
/** "profile": follow the profile language (N2). */
export const localeInputSchema = z.object({ locale: z.enum(["fr", "en", "profile"]) });
export const participationInputSchema = z.object({ dossierId: id, switch: switchSchema, value: z.boolean() });
/** "Apply to all": every dossier, or every dossier of one organization. */
export const participationAllInputSchema = z.object({
  organizationId: id.optional(),
  switch: switchSchema,
  value: z.boolean(),
});
