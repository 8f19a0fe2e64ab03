"use server";
// Server actions of notes, confidentiality flags, appointments and tasks: thin, through the one builder.
import { action } from "../../auth/action";
import {
  createAppointment,
  createNote,
  createTask,
  setDocumentFlags,
  setNoteConfidential,
  toggleTask,
} from "./service";

export const createNoteAction = action("note.create", (actor, input: unknown) => createNote(actor, input));
export const setNoteConfidentialAction = action("note.confidential", (actor, input: unknown) =>
  setNoteConfidential(actor, input),
);
export const setDocumentFlagsAction = action("document.flags", (actor, input: unknown) =>
  setDocumentFlags(actor, input),
);
export const createAppointmentAction = action("appointment.create", (actor, input: unknown) =>
  createAppointment(actor, input),
);
export const createTaskAction = action("task.create", (actor, input: unknown) => createTask(actor, input));
export const toggleTaskAction = action("task.toggle", (actor, input: unknown) => toggleTask(actor, input));
