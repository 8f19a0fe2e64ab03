// Inputs of notes, confidentiality flags, appointments and tasks (A4, T4, T6, T7).
import { z } from "zod";

const id = z.string().min(1).max(64);
export const NOTE_MAX = 10_000;

export const createNoteSchema = z.object({
  dossierId: id,
  body: z
    .string()
    .max(NOTE_MAX)
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, { message: "note.error.empty" }),
  confidential: z.boolean().default(false),
});

export const noteConfidentialSchema = z.object({ noteId: id, confidential: z.boolean() });

export const documentFlagsSchema = z
  .object({ documentId: id, confidential: z.boolean().optional(), rawData: z.boolean().optional() })
  .refine((v) => v.confidential !== undefined || v.rawData !== undefined, { message: "nothing to change" });

export const createAppointmentSchema = z.object({
  dossierId: id,
  at: z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), { message: "invalid date" }),
  place: z.string().trim().max(500).default(""),
  attendees: z.string().trim().max(2000).default(""),
});

export const createTaskSchema = z.object({ dossierId: id, title: z.string().trim().min(1).max(500) });

export const toggleTaskSchema = z.object({ taskId: id, done: z.boolean() });
