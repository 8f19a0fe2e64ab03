// The partner area's statements (S5, X2).
import { sql } from "../../db/hot";

/** S5: the kinds of solicitation that let a partner supply information (fields and documents). */
export const SUPPLEMENT_KINDS = ["supplement", "both", "on_behalf"];

/** X2: a solicitation's own answers to the partner-only fields, for its partner only. */
export const SOLICITATION_FIELD_VALUES = sql(
  "partner.solicitationFieldValues",
  `SELECT "fieldValues" AS "fieldValues" FROM "Solicitation"
   WHERE "id" = ? AND "partnerUserId" = ? AND "revokedAt" IS NULL`,
);

export const SET_SOLICITATION_FIELD_VALUES = sql(
  "partner.setSolicitationFieldValues",
  `UPDATE "Solicitation" SET "fieldValues" = ? WHERE "id" = ? AND "partnerUserId" = ? AND "revokedAt" IS NULL`,
);

/** S11: whether a solicitation's answers are confidential. */
export const SOLICITATION_CONFIDENTIAL = sql(
  "partner.solicitationConfidential",
  `SELECT "confidential" AS "confidential" FROM "Solicitation" WHERE "id" = ?`,
);

/** A3, X2: the partners who hold a live solicitation on the dossier (attached, not revoked). */
export const LIVE_PARTNERS = sql(
  "partner.livePartners",
  `SELECT DISTINCT "partnerUserId" AS "userId" FROM "Solicitation"
   WHERE "dossierId" = ? AND "partnerUserId" IS NOT NULL AND "revokedAt" IS NULL`,
);

/** S9: the person an on-behalf entry is for, set by its partner on their live solicitation. */
export const SET_ON_BEHALF_PERSON = sql(
  "partner.setOnBehalfPerson",
  `UPDATE "Solicitation" SET "onBehalfName" = ?, "onBehalfEmail" = ?
   WHERE "id" = ? AND "partnerUserId" = ? AND "revokedAt" IS NULL AND "kind" = 'on_behalf'`,
);

/** S9: the person an on-behalf entry names, for the advisor side. */
export const ON_BEHALF_PERSON = sql(
  "partner.onBehalfPerson",
  `SELECT "onBehalfName" AS "name", "onBehalfEmail" AS "email" FROM "Solicitation"
   WHERE "id" = ? AND "kind" = 'on_behalf'`,
);

/** S9: the dossier's current referent, who stays as an applicant member when the person takes over. */
export const CURRENT_REFERENT = sql(
  "partner.currentReferent",
  `SELECT m."userId" AS "userId", u."name" AS "name", u."email" AS "email"
   FROM "DossierMember" m JOIN "User" u ON u."id" = m."userId"
   WHERE m."dossierId" = ? AND m."role" = 'referent'`,
);
