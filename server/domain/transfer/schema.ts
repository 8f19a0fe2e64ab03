// Inputs of transfers (T2–T4) and of the referent's hand-over, parsed at the edge: bad input changes nothing.
import { z } from "zod";

const id = z.string().min(1).max(64);
const options = {
  withConfidential: z.boolean().default(false),
  withRawData: z.boolean().default(false),
  keepReadOnlyCopy: z.boolean().default(false),
};

/** T2, T4: the holder (or staff) asks a colleague to take the dossier. */
export const requestTransferSchema = z.object({ dossierId: id, toUserId: id, ...options });

/** T3: a coordinator moves one dossier, or all active dossiers, of a practitioner to another. */
export const coordinatorTransferSchema = z
  .object({ fromUserId: id, toUserId: id, dossierId: id.optional(), all: z.boolean().default(false), ...options })
  .refine((v) => v.all !== (v.dossierId !== undefined), { message: "one dossier or all", path: ["dossierId"] });

export const answerTransferSchema = z.object({ transferId: id, answer: z.enum(["accept", "refuse"]) });

export const cancelTransferSchema = z.object({ transferId: id });

/** The referent hands their role to another applicant-side member. */
export const handReferentSchema = z.object({ dossierId: id, toUserId: id });
