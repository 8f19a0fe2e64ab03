// Notification preferences (N1–N3) and the unsubscribe input (N5), checked by zod at the edge.
import { z } from "zod";
import { DEFAULT_FREQUENCY, FREQUENCIES, type Frequency } from "./frequencies";

export { DEFAULT_FREQUENCY, FREQUENCIES, type Frequency };

export const frequencySchema = z.enum(FREQUENCIES);

export function toFrequency(v: unknown): Frequency {
  const p = frequencySchema.safeParse(v);
  return p.success ? p.data : DEFAULT_FREQUENCY;
}

/** N3 defaults for an advisor without a stored choice. */
export function defaultParticipation() {
  return { fromApplicants: true, toApplicants: false };
}

export const unsubscribeSchema = z.object({
  u: z.string().min(1).max(64),
  s: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/),
});
