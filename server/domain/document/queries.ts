// The document area's statements.
import { sql } from "../../db/hot";

export const INSERT_DOCUMENT = sql(
  "document.insert",
  `INSERT INTO "Document" ("id", "dossierId", "uploaderId", "originalName", "storageKey", "mimeType", "size", "sha256", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
