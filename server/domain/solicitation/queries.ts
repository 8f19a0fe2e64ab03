// The solicitation area's statements (S1, S2, S4, S6, S10) and its Prisma selects. Every state change is
// guarded in the statement itself ("where not yet answered / revoked", "where the key is still there",
// one reminder row per slot), so concurrent requests change a solicitation once.
import { sql } from "../../db/hot";

// S1, S6: what the emails say about the dossier.
export const DOSSIER_FOR_EMAIL = sql(
  "solicitation.dossierForEmail",
  `SELECT d."title" AS "title", o."name" AS "organization"
   FROM "Dossier" d JOIN "Organization" o ON o."id" = d."organizationId"
   WHERE d."id" = ?`,
);

export const INSERT_SOLICITATION = sql(
  "solicitation.insert",
  `INSERT INTO "Solicitation" ("id", "dossierId", "kind", "scope", "external", "partnerEmail", "partnerUserId",
     "attachedAt", "askedById", "dueDate", "instructions", "confidential", "keyHash", "keyExpiresAt", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);

// S2: the live solicitation a key opens (read before the change, which claims it under the lock).
export const FIND_BY_KEY = sql(
  "solicitation.findByKey",
  `SELECT "id" AS "id", "dossierId" AS "dossierId", "scope" AS "scope", "partnerEmail" AS "partnerEmail"
   FROM "Solicitation" WHERE "keyHash" = ? AND "revokedAt" IS NULL AND "keyExpiresAt" > ?`,
);

// S2: single use: of two tries with the same key at once, only one clears the hash.
export const CLAIM_KEY = sql(
  "solicitation.claimKey",
  `UPDATE "Solicitation" SET "keyHash" = NULL, "partnerUserId" = ?, "attachedAt" = ?
   WHERE "id" = ? AND "keyHash" = ? AND "revokedAt" IS NULL AND "keyExpiresAt" > ?`,
);

// S2: every try is a row (the rate limit counts the failed ones).
export const INSERT_ATTACH_ATTEMPT = sql(
  "solicitation.insertAttachAttempt",
  `INSERT INTO "AttachAttempt" ("id", "userId", "address", "success", "createdAt") VALUES (?, ?, ?, ?, ?)`,
);

// S4: answered once, never after a revocation.
export const ANSWER = sql(
  "solicitation.answer",
  `UPDATE "Solicitation" SET "answeredAt" = ?, "opinionText" = ?, "fileKey" = ?, "fileName" = ?, "fileMime" = ?, "fileSize" = ?
   WHERE "id" = ? AND "answeredAt" IS NULL AND "revokedAt" IS NULL`,
);

// S10: revoking twice changes nothing the second time; the key goes too.
export const REVOKE = sql(
  "solicitation.revoke",
  `UPDATE "Solicitation" SET "revokedAt" = ?, "revokedById" = ?, "keyHash" = NULL
   WHERE "id" = ? AND "revokedAt" IS NULL
   RETURNING "scope" AS "scope", "partnerUserId" AS "partnerUserId"`,
);

// S6: a reminder only for a solicitation still open, and at most one a day whoever sends it (Notify,
// one partner's reminder, the automatic ones): the second of two at once finds today's date and changes
// nothing. The last parameter is the start of today (UTC).
export const MARK_REMINDED = sql(
  "solicitation.markReminded",
  `UPDATE "Solicitation" SET "lastRemindedAt" = ?
   WHERE "id" = ? AND "answeredAt" IS NULL AND "revokedAt" IS NULL
     AND ("lastRemindedAt" IS NULL OR "lastRemindedAt" < ?)`,
);

// S6: at most one reminder per slot (a day for "Notify", "before"/"after" for the automatic ones).
export const INSERT_REMINDER = sql(
  "solicitation.insertReminder",
  `INSERT INTO "SolicitationReminder" ("id", "solicitationId", "slot", "byUserId", "createdAt") VALUES (?, ?, ?, ?, ?)
   ON CONFLICT ("solicitationId", "slot") DO NOTHING`,
);

// S6: a partner without an account gets one by email, so that reminders carry a one-click unsubscribe (N5).
export const INSERT_PARTNER_USER = sql(
  "solicitation.insertPartnerUser",
  `INSERT INTO "User" ("id", "email", "locale", "createdAt") VALUES (?, ?, 'fr', ?) ON CONFLICT ("email") DO NOTHING`,
);

const PARTNER_FACTS = `SELECT u."id" AS "id", u."email" AS "email", u."locale" AS "locale", n."frequency" AS "frequency",
     n."locale" AS "settingsLocale", n."unsubscribedAt" AS "unsubscribedAt"
   FROM "User" u LEFT JOIN "NotificationSettings" n ON n."userId" = u."id"`;

// N8: what the gate needs to know about the partner.
export const PARTNER_BY_ID = sql("solicitation.partnerById", `${PARTNER_FACTS} WHERE u."id" = ?`);
export const PARTNER_BY_EMAIL = sql("solicitation.partnerByEmail", `${PARTNER_FACTS} WHERE u."email" = ?`);

export type PartnerFactsRow = {
  id: string;
  email: string;
  locale: string;
  frequency: string | null;
  settingsLocale: string | null;
  unsubscribedAt: unknown;
};

/** What a reminder needs of a solicitation. */
export const reminderSelect = {
  id: true,
  dossierId: true,
  external: true,
  partnerUserId: true,
  partnerEmail: true,
  scope: true,
  kind: true,
  dueDate: true,
} as const;

/** S6: the automatic reminders' candidates, with the slots already sent and the organization's delays. */
export const automaticReminderSelect = {
  ...reminderSelect,
  lastRemindedAt: true,
  answeredAt: true,
  revokedAt: true,
  reminders: { select: { slot: true } },
  dossier: {
    select: { organization: { select: { partnerReminderDaysBefore: true, partnerReminderDaysAfter: true } } },
  },
} as const;

/** S3 (issue 16 item 2): a solicitation's own stages (null: the template's), not once revoked. */
export const SET_PARTNER_STAGES = sql(
  "solicitation.setPartnerStages",
  `UPDATE "Solicitation" SET "partnerStages" = ?
   WHERE "id" = ? AND "dossierId" = ? AND "revokedAt" IS NULL
   RETURNING "scope" AS "scope"`,
);

// S2, S6 (issue 16): a fresh key for an external partner who has not attached yet; the old one stops
// working. Guarded by the hash being replaced, so of two renewals at once only one sends a key.
export const RENEW_KEY = sql(
  "solicitation.renewKey",
  `UPDATE "Solicitation" SET "keyHash" = ?, "keyExpiresAt" = ?, "lastRemindedAt" = ?
   WHERE "id" = ? AND "keyHash" = ? AND "partnerUserId" IS NULL AND "answeredAt" IS NULL AND "revokedAt" IS NULL`,
);

// S6: the key of a solicitation not attached yet, read under the dossier's lock before a reminder renews it.
export const CURRENT_KEY = sql(
  "solicitation.currentKey",
  `SELECT "keyHash" AS "keyHash", "kind" AS "kind", "instructions" AS "instructions" FROM "Solicitation"
   WHERE "id" = ? AND "partnerUserId" IS NULL AND "keyHash" IS NOT NULL`,
);
