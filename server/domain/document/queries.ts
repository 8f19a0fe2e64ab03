// The document area's statements.
import { sql } from "../../db/hot";

export const INSERT_DOCUMENT = sql(
  "document.insert",
  `INSERT INTO "Document" ("id", "dossierId", "uploaderId", "originalName", "storageKey", "mimeType", "size", "sha256",
     "visibleToPartner", "solicitationId", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

// S7: the flag, and what the event shows of the document. S11, X2: never a partner's supplement (no
// partner ever sees another partner's answer).
export const SET_PARTNER_VISIBILITY = sql(
  "document.setPartnerVisibility",
  `UPDATE "Document" SET "visibleToPartner" = ?
   WHERE "id" = ? AND "dossierId" = ? AND "visibleToUserId" IS NULL AND "solicitationId" IS NULL
   RETURNING "id" AS "id", "originalName" AS "originalName", "size" AS "size", "createdAt" AS "createdAt"`,
);

/** S7, X2: the Partners tab's documents with their flag, the partners chosen and the supplier, newest first. */
export const partnerFlagSelect = {
  id: true,
  originalName: true,
  visibleToPartner: true,
  partnerShares: { select: { solicitationId: true } },
  solicitation: {
    select: { id: true, partnerEmail: true, partnerUser: { select: { name: true, email: true } } },
  },
} as const;

/** S7: the partners chosen for a document, replaced as a whole. */
export const CLEAR_PARTNER_SHARES = sql(
  "document.clearPartnerShares",
  `DELETE FROM "DocumentPartnerShare" WHERE "documentId" = ?`,
);

/** S7: one solicitation whose partner sees the document; only a solicitation of the same dossier. */
export const INSERT_PARTNER_SHARE = sql(
  "document.insertPartnerShare",
  `INSERT INTO "DocumentPartnerShare" ("documentId", "solicitationId")
   SELECT ?, s."id" FROM "Solicitation" s WHERE s."id" = ? AND s."dossierId" = ?`,
);
