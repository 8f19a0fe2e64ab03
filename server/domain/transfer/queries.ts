// SQL of transfers (T2–T4, T7): run on the change's queries, under the dossier's lock.
import { sql } from "../../db/hot";

export type TransferRow = {
  id: string;
  dossierId: string;
  organizationId: string;
  fromUserId: string;
  toUserId: string;
  requestedById: string;
  withConfidential: unknown;
  withRawData: unknown;
  keepReadOnlyCopy: unknown;
  status: string;
  expiresAt: unknown;
};

export const TRANSFER_BY_ID = sql(
  "transfer.byId",
  `SELECT "id", "dossierId" AS "dossierId", "organizationId" AS "organizationId", "fromUserId" AS "fromUserId",
     "toUserId" AS "toUserId", "requestedById" AS "requestedById", "withConfidential" AS "withConfidential",
     "withRawData" AS "withRawData", "keepReadOnlyCopy" AS "keepReadOnlyCopy", "status", "expiresAt" AS "expiresAt"
   FROM "Transfer" WHERE "id" = ?`,
);

export const PENDING_OF_DOSSIER = sql(
  "transfer.pendingOfDossier",
  `SELECT "id" FROM "Transfer" WHERE "dossierId" = ? AND "status" = 'pending'`,
);

export const INSERT_TRANSFER = sql(
  "transfer.insert",
  `INSERT INTO "Transfer" ("id", "dossierId", "organizationId", "fromUserId", "toUserId", "requestedById",
     "withConfidential", "withRawData", "keepReadOnlyCopy", "status", "pendingKey", "expiresAt", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
);

/** Guarded: only a pending transfer changes, once (two answers at the same moment: one outcome). */
export const CLOSE_TRANSFER = sql(
  "transfer.close",
  `UPDATE "Transfer" SET "status" = ?, "answeredAt" = ?, "pendingKey" = NULL WHERE "id" = ? AND "status" = 'pending'`,
);

/** Guarded by the clock too: an acceptance after expiry changes nothing. */
export const ACCEPT_TRANSFER = sql(
  "transfer.accept",
  `UPDATE "Transfer" SET "status" = 'accepted', "answeredAt" = ?, "pendingKey" = NULL
   WHERE "id" = ? AND "status" = 'pending' AND "expiresAt" > ?`,
);

export const EXPIRE_TRANSFER = sql(
  "transfer.expire",
  `UPDATE "Transfer" SET "status" = 'expired', "answeredAt" = ?, "pendingKey" = NULL
   WHERE "id" = ? AND "status" = 'pending' AND "expiresAt" <= ?`,
);

export const DUE_TRANSFERS = sql(
  "transfer.due",
  `SELECT "id", "dossierId" AS "dossierId" FROM "Transfer" WHERE "status" = 'pending' AND "expiresAt" <= ? ORDER BY "expiresAt" ASC`,
);

export const HOLDER_OF = sql(
  "transfer.holderOf",
  `SELECT "userId" AS "userId" FROM "DossierMember" WHERE "dossierId" = ? AND "holder" = ? AND "readOnly" = ?`,
);

/** A colleague: a member of the organization, with whether they are deactivated. */
export const COLLEAGUE = sql(
  "transfer.colleague",
  `SELECT u."id" AS "id", u."name" AS "name", u."email" AS "email", u."locale" AS "locale",
     u."deactivatedAt" AS "deactivatedAt", m."coordinator" AS "coordinator"
   FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE m."organizationId" = ? AND m."userId" = ?`,
);

export const USER_CONTACT = sql(
  "transfer.userContact",
  `SELECT "id", "name", "email", "locale", "deactivatedAt" AS "deactivatedAt" FROM "User" WHERE "id" = ?`,
);

export const MEMBER_OF = sql(
  "transfer.memberOf",
  `SELECT "id", "role", "side" FROM "DossierMember" WHERE "dossierId" = ? AND "userId" = ?`,
);

export const SET_HOLDER = sql(
  "transfer.setHolder",
  `UPDATE "DossierMember" SET "holder" = ?, "role" = 'advisor', "side" = 'advisor', "readOnly" = ?, "readOnlySince" = NULL,
     "readOnlySeq" = NULL
   WHERE "dossierId" = ? AND "userId" = ?`,
);

export const INSERT_HOLDER = sql(
  "transfer.insertHolder",
  `INSERT INTO "DossierMember" ("id", "dossierId", "userId", "side", "role", "holder", "readOnly", "lastReadSeq", "createdAt")
   VALUES (?, ?, ?, 'advisor', 'advisor', ?, ?, 0, ?)`,
);

/** T4: the sender keeps a read-only copy. */
export const MAKE_READ_ONLY = sql(
  "transfer.makeReadOnly",
  `UPDATE "DossierMember" SET "holder" = ?, "readOnly" = ?, "readOnlySince" = ?, "readOnlySeq" = ?
   WHERE "dossierId" = ? AND "userId" = ?`,
);

export const DELETE_MEMBER = sql(
  "transfer.deleteMember",
  `DELETE FROM "DossierMember" WHERE "dossierId" = ? AND "userId" = ?`,
);

/** T4, T7: the sender's confidential notes go to the recipient. */
export const MOVE_CONFIDENTIAL_NOTES = sql(
  "transfer.moveNotes",
  `UPDATE "Note" SET "visibleToUserId" = ? WHERE "dossierId" = ? AND "visibleToUserId" = ? AND "confidential" = ?`,
);

/** T4, T7: documents a transfer may move or leave behind: the sender's own, and the shared raw data. */
export const TRANSFERABLE_DOCUMENTS = sql(
  "transfer.documents",
  `SELECT "id", "confidential", "rawData" AS "rawData", "visibleToUserId" AS "visibleToUserId" FROM "Document"
   WHERE "dossierId" = ? AND ("visibleToUserId" = ? OR ("visibleToUserId" IS NULL AND "rawData" = ?))`,
);

export const SET_DOCUMENT_VISIBLE_TO = sql(
  "transfer.setDocumentVisibleTo",
  `UPDATE "Document" SET "visibleToUserId" = ? WHERE "id" = ?`,
);

export const SET_MEMBER_ROLE = sql(
  "transfer.setMemberRole",
  `UPDATE "DossierMember" SET "role" = ? WHERE "dossierId" = ? AND "userId" = ?`,
);
