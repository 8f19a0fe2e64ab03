// SQL of notes, confidentiality flags, appointments and tasks. Visibility (T7) is part of every read:
// an item restricted to one user (visibleToUserId) is simply not found for anyone else.
import { sql } from "../../db/hot";

export const INSERT_NOTE = sql(
  "note.insert",
  `INSERT INTO "Note" ("id", "dossierId", "authorId", "body", "confidential", "visibleToUserId", "createdAt", "updatedAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
);

/** T7: only the person who may see a note may change its flag. */
export const SET_NOTE_CONFIDENTIAL = sql(
  "note.setConfidential",
  `UPDATE "Note" SET "confidential" = ?, "visibleToUserId" = ?, "updatedAt" = ?
   WHERE "id" = ? AND "dossierId" = ? AND ("visibleToUserId" IS NULL OR "visibleToUserId" = ?)`,
);

export const DOSSIER_OF_NOTE = sql("note.dossierOf", `SELECT "dossierId" AS "dossierId" FROM "Note" WHERE "id" = ?`);

export const DOCUMENT_FOR_FLAGS = sql(
  "note.documentForFlags",
  `SELECT "id", "confidential", "rawData" AS "rawData", "visibleToUserId" AS "visibleToUserId" FROM "Document"
   WHERE "id" = ? AND "dossierId" = ?`,
);

export const SET_DOCUMENT_FLAGS = sql(
  "note.setDocumentFlags",
  `UPDATE "Document" SET "confidential" = ?, "rawData" = ?, "visibleToUserId" = ? WHERE "id" = ?`,
);

/** T7: a confidential document is no longer shown to partners (A5). */
export const HIDE_FROM_PARTNERS = sql(
  "note.hideFromPartners",
  `UPDATE "Document" SET "visibleToPartner" = ? WHERE "id" = ?`,
);

/** T6: counts over notes and documents, read in the change (the event carries the derived badge). */
export const CONFIDENTIALITY_COUNTS = sql(
  "note.confidentialityCounts",
  `SELECT
     (SELECT COUNT(*) FROM "Note" WHERE "dossierId" = ?) AS "notes",
     (SELECT COUNT(*) FROM "Note" WHERE "dossierId" = ? AND "confidential" = ?) AS "confidentialNotes",
     (SELECT COUNT(*) FROM "Document" WHERE "dossierId" = ?) AS "documents",
     (SELECT COUNT(*) FROM "Document" WHERE "dossierId" = ? AND "confidential" = ?) AS "confidentialDocuments"`,
);

export const INSERT_APPOINTMENT = sql(
  "appointment.insert",
  `INSERT INTO "Appointment" ("id", "dossierId", "ownerId", "at", "place", "attendees", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
);

export const INSERT_TASK = sql(
  "task.insert",
  `INSERT INTO "Task" ("id", "dossierId", "ownerId", "title", "done", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`,
);

export const DOSSIER_OF_TASK = sql(
  "task.dossierOf",
  `SELECT "dossierId" AS "dossierId", "ownerId" AS "ownerId" FROM "Task" WHERE "id" = ?`,
);

export const SET_TASK_DONE = sql(
  "task.setDone",
  `UPDATE "Task" SET "done" = ? WHERE "id" = ? AND "ownerId" = ? AND "done" <> ?`,
);
