// The partner area's statements (S5).
import { sql } from "../../db/hot";

// S5: a partner's supplement joins the Documents tab and stays visible to partners.
export const INSERT_SUPPLEMENT_DOCUMENT = sql(
  "partner.insertSupplementDocument",
  `INSERT INTO "Document" ("id", "dossierId", "uploaderId", "originalName", "storageKey", "mimeType", "size", "sha256",
     "visibleToPartner", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);

/** S5: the kinds of solicitation that let a partner add documents. */
export const SUPPLEMENT_KINDS = ["supplement", "both", "on_behalf"];
