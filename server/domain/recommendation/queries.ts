// The recommendation area's statements and Prisma selects.
import { sql } from "../../db/hot";

export const recommendationSelect = {
  id: true,
  dossierId: true,
  title: true,
  body: true,
  link: true,
  status: true,
  statusChangedAt: true,
  createdAt: true,
  seq: true,
  author: { select: { id: true, name: true, email: true } },
  document: { select: { id: true, originalName: true, visibleToUserId: true } },
  statusChangedById: true,
} as const;

/** One recommendation with its author, file and last changer, as the view needs it. */
export const RECOMMENDATION = sql(
  "recommendation.one",
  `SELECT r."id" AS "id", r."dossierId" AS "dossierId", r."title" AS "title", r."body" AS "body", r."link" AS "link",
     r."status" AS "status", r."statusChangedAt" AS "statusChangedAt", r."createdAt" AS "createdAt", r."seq" AS "seq",
     a."id" AS "authorId", a."name" AS "authorName", a."email" AS "authorEmail",
     d."id" AS "documentId", d."originalName" AS "documentName",
     c."id" AS "changerId", c."name" AS "changerName", c."email" AS "changerEmail"
   FROM "Recommendation" r
   JOIN "User" a ON a."id" = r."authorId"
   LEFT JOIN "Document" d ON d."id" = r."documentId" AND d."visibleToUserId" IS NULL
   LEFT JOIN "User" c ON c."id" = r."statusChangedById"
   WHERE r."id" = ? AND r."dossierId" = ?`,
);

export const DOSSIER_OF = sql(
  "recommendation.dossierOf",
  `SELECT "dossierId" AS "dossierId" FROM "Recommendation" WHERE "id" = ?`,
);

export const DOCUMENT_IN_DOSSIER = sql(
  "recommendation.documentInDossier",
  `SELECT "id" AS "id" FROM "Document" WHERE "id" = ? AND "dossierId" = ? AND "visibleToUserId" IS NULL`,
);

export const INSERT_RECOMMENDATION = sql(
  "recommendation.insert",
  `INSERT INTO "Recommendation" ("id", "dossierId", "authorId", "title", "body", "link", "documentId", "status",
     "statusChangedAt", "seq", "createdAt", "updatedAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?, ?, ?)`,
);

export const UPDATE_RECOMMENDATION = sql(
  "recommendation.update",
  `UPDATE "Recommendation" SET "title" = ?, "body" = ?, "link" = ?, "documentId" = ?, "seq" = ?, "updatedAt" = ?
   WHERE "id" = ? AND "dossierId" = ?`,
);

export const CHANGE_STATUS = sql(
  "recommendation.changeStatus",
  `UPDATE "Recommendation" SET "status" = ?, "statusChangedAt" = ?, "statusChangedById" = ?, "seq" = ?, "updatedAt" = ?
   WHERE "id" = ? AND "dossierId" = ?`,
);
