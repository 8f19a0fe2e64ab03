// Solicitation input (S1, S2, S4, S6, S10, S11), parsed at the edge: bad input changes nothing.
import { z } from "zod";
import { SCOPE_PRESETS, SOLICITATION_KINDS, type SolicitationKind } from "./kinds";

const id = z.string().min(1).max(64);

export { SCOPE_PRESETS, SOLICITATION_KINDS, type SolicitationKind };

export const OPINION_MAX_LENGTH = 10_000;

export const createSolicitationSchema = z.object({
  dossierId: id,
  kind: z.enum(SOLICITATION_KINDS),
  scope: z.string().trim().min(1).max(80),
  external: z.boolean(),
  partnerEmail: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  /** yyyy-mm-dd, the desired response date */
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    .nullish(),
  instructions: z.string().trim().max(5000).default(""),
  confidential: z.boolean().default(false),
});
export type CreateSolicitationInput = z.input<typeof createSolicitationSchema>;

export const solicitationRefSchema = z.object({ solicitationId: id });
export const dossierRefSchema = z.object({ dossierId: id });

export const attachSchema = z.object({ key: z.string().trim().min(1).max(100) });

export const opinionSchema = z.object({
  solicitationId: id,
  text: z.string().trim().min(1).max(OPINION_MAX_LENGTH),
  file: z.object({ name: z.string().min(1).max(300), bytes: z.instanceof(Buffer) }).nullish(),
});
