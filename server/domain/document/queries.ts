// The document area's statements.
import { sql } from "../../db/hot";

export const INSERT_DOCUMENT = sql(
  "document.insert",
  `INSERT INTO "Document" ("id", "dossierId", "uploaderId", "originalName", "storageKey", "mimeType", "size", "sha256",
     "visibleToPartner", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);

export const documentSelect = {
  id: true,
  dossierId: true,
  originalName: true,
  mimeType: true,
  size: true,
  createdAt: true,
  uploader: { select: { id: true, name: true, email: true } },
} as const;

export const DOSSIER_OF_DOCUMENT = sql(
  "document.dossierOf",
  `SELECT "dossierId" AS "dossierId" FROM "Document" WHERE "id" = ?`,
);

// S7: the flag, and what the event shows of the document.
export const SET_PARTNER_VISIBILITY = sql(
  "document.setPartnerVisibility",
  `UPDATE "Document" SET "visibleToPartner" = ? WHERE "id" = ? AND "dossierId" = ?
   RETURNING "id" AS "id", "originalName" AS "originalName", "size" AS "size", "createdAt" AS "createdAt"`,
);

/** S7: the Partners tab's documents with their flag, newest first. */
export const partnerFlagSelect = { id: true, originalName: true, visibleToPartner: true } as const;
