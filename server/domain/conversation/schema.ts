import { z } from "zod";
import { cleanText, hasControlCharacters, isBlank } from "../text";
import { MESSAGE_MAX_LENGTH } from "./events";

export const sendMessageSchema = z.object({
  dossierId: z.string().min(1).max(64),
  clientId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  // X7: bidirectional overrides removed, line ends normalized; control characters refused below.
  body: z.string().transform(cleanText),
  recipientIds: z.array(z.string().min(1).max(64)).max(100).optional(),
});

export type SendMessageInput = z.infer<typeof sendMessageSchema>;

/** C5: the body problem, if any, as a catalogue key. */
export function bodyProblem(body: string): "message.empty" | "message.tooLong" | "message.invalidCharacters" | null {
  // X7: a message of invisible characters only (zero-width spaces) is empty.
  if (isBlank(body)) return "message.empty";
  if (hasControlCharacters(body)) return "message.invalidCharacters";
  if (body.length > MESSAGE_MAX_LENGTH) return "message.tooLong";
  return null;
}

/** C8: a page of history before a seq. */
export const historySchema = z.object({
  dossierId: z.string().min(1).max(64),
  beforeSeq: z.number().int().min(1).max(2_147_483_647),
});

/** C2, C3: who the messages of a seq range were addressed to (advisor side). */
export const recipientsSchema = z
  .object({
    dossierId: z.string().min(1).max(64),
    fromSeq: z.number().int().min(1).max(2_147_483_647),
    toSeq: z.number().int().min(1).max(2_147_483_647),
  })
  .refine((v) => v.toSeq >= v.fromSeq && v.toSeq - v.fromSeq < 1000);
