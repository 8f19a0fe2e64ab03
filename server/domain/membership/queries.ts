// The membership area's statements (issue item 1, A3, A4) and Prisma selects.
import { sql } from "../../db/hot";

/** A new dossier's row; the change that creates it takes its first seq right after (change.ts). */
export const INSERT_DOSSIER = sql(
  "membership.insertDossier",
  `INSERT INTO "Dossier" ("id", "organizationId", "title", "lastActivityAt", "createdAt", "updatedAt")
   VALUES (?, ?, ?, ?, ?, ?)`,
);

export const ORGANIZATION_ROLE = sql(
  "membership.organizationRole",
  `SELECT "role" AS "role" FROM "Membership" WHERE "organizationId" = ? AND "userId" = ?`,
);

export const ORGANIZATION_NAME = sql(
  "membership.organizationName",
  `SELECT "name" AS "name" FROM "Organization" WHERE "id" = ?`,
);

/** What an invitation email names: the dossier's title and its organization. */
export const DOSSIER_FOR_INVITATION = sql(
  "membership.dossierForInvitation",
  `SELECT d."title" AS "title", o."name" AS "organizationName"
   FROM "Dossier" d JOIN "Organization" o ON o."id" = d."organizationId"
   WHERE d."id" = ?`,
);

export const USER_BY_ID = sql(
  "membership.userById",
  `SELECT "id" AS "id", "name" AS "name", "email" AS "email", "locale" AS "locale" FROM "User" WHERE "id" = ?`,
);

export const USER_BY_EMAIL = sql(
  "membership.userByEmail",
  `SELECT "id" AS "id", "name" AS "name", "email" AS "email", "locale" AS "locale" FROM "User" WHERE "email" = ?`,
);

/** An unknown email becomes a user (applicants can be anyone); a known one is left as it is. */
export const INSERT_USER_IF_NEW = sql(
  "membership.insertUserIfNew",
  `INSERT INTO "User" ("id", "email", "locale", "createdAt") VALUES (?, ?, ?, ?) ON CONFLICT ("email") DO NOTHING`,
);

export const IS_MEMBER = sql(
  "membership.isMember",
  `SELECT "id" AS "id" FROM "DossierMember" WHERE "dossierId" = ? AND "userId" = ?`,
);

export const INSERT_MEMBER = sql(
  "membership.insertMember",
  `INSERT INTO "DossierMember" ("id", "dossierId", "userId", "role", "side", "holder", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?)`,
);

export const MEMBER = sql(
  "membership.member",
  `SELECT m."role" AS "role", m."holder" AS "holder", u."name" AS "name", u."email" AS "email"
   FROM "DossierMember" m JOIN "User" u ON u."id" = m."userId"
   WHERE m."dossierId" = ? AND m."userId" = ?`,
);

export const DELETE_MEMBER = sql(
  "membership.deleteMember",
  `DELETE FROM "DossierMember" WHERE "dossierId" = ? AND "userId" = ?`,
);

/** Guarded in the database: a concurrent promotion to referent or holder makes leaving a no-op. */
export const LEAVE = sql(
  "membership.leave",
  `DELETE FROM "DossierMember"
   WHERE "dossierId" = ? AND "userId" = ? AND "role" IN ('applicant', 'advisor') AND "holder" = ?`,
);

export const personSelect = { id: true, name: true, email: true, locale: true } as const;

export const panelMemberSelect = {
  role: true,
  side: true,
  holder: true,
  user: { select: { id: true, name: true, email: true } },
} as const;
