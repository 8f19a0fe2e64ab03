// The billing area's prepared statements (run inside changeDossier on ctx.q) and its Prisma selects.
// Written once for both providers: `?` placeholders, double-quoted identifiers, booleans as parameters.
import { sql } from "../../db/hot";

// ---- parties

export const CONTACT_IN_ORG = sql(
  "billing.contactInOrg",
  `SELECT "id", "name", "email", "address" FROM "Contact" WHERE "id" = ? AND "organizationId" = ?`,
);
export const PARTY_EXISTS = sql(
  "billing.partyExists",
  `SELECT "id" FROM "Party" WHERE "dossierId" = ? AND "contactId" = ? AND "role" = ?`,
);
export const INSERT_PARTY = sql(
  "billing.insertParty",
  `INSERT INTO "Party" ("id", "dossierId", "contactId", "role", "active", "portalShared", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?)`,
);
export const PARTY_DOSSIER = sql("billing.partyDossier", `SELECT "dossierId" FROM "Party" WHERE "id" = ?`);
export const PARTY = sql(
  "billing.party",
  `SELECT p."id" AS "id", p."role" AS "role", p."active" AS "active", p."portalShared" AS "portalShared",
     p."portalUserId" AS "portalUserId", c."name" AS "name", c."email" AS "email"
   FROM "Party" p JOIN "Contact" c ON c."id" = p."contactId"
   WHERE p."id" = ? AND p."dossierId" = ?`,
);
/** A party with billing history (own activities, a share on a proforma or invoice, an invoice) stays. */
export const PARTY_IN_USE = sql(
  "billing.partyInUse",
  `SELECT 1 AS "used" FROM "Activity" WHERE "clientPartyId" = ?
   UNION ALL SELECT 1 FROM "Invoice" WHERE "partyId" = ?
   UNION ALL SELECT 1 FROM "ProformaLine" WHERE "partyId" = ?
   UNION ALL SELECT 1 FROM "ActivityAllocation" a JOIN "Activity" x ON x."id" = a."activityId"
     WHERE a."partyId" = ? AND x."status" <> 'unbilled'
   LIMIT 1`,
);
export const DELETE_PARTY_ALLOCATIONS = sql(
  "billing.deletePartyAllocations",
  `DELETE FROM "ActivityAllocation" WHERE "partyId" = ?`,
);
export const DELETE_PARTY = sql("billing.deleteParty", `DELETE FROM "Party" WHERE "id" = ? AND "dossierId" = ?`);
export const SET_PARTY_ACTIVE = sql(
  "billing.setPartyActive",
  `UPDATE "Party" SET "active" = ? WHERE "id" = ? AND "active" = ?`,
);
export const SET_PORTAL = sql(
  "billing.setPortal",
  `UPDATE "Party" SET "portalShared" = ?, "portalUserId" = ? WHERE "id" = ?`,
);
/** K1, K4: the dossier's active clients in the stable order of the split (K8). */
export const ACTIVE_CLIENTS = sql(
  "billing.activeClients",
  `SELECT "id", "contactId", "allocationPercent" FROM "Party"
   WHERE "dossierId" = ? AND "role" = 'client' AND "active" = ?
   ORDER BY "createdAt", "id"`,
);
export const CLEAR_PERCENTS = sql(
  "billing.clearPercents",
  `UPDATE "Party" SET "allocationPercent" = NULL WHERE "dossierId" = ? AND "role" = 'client'`,
);
export const SET_PERCENT = sql(
  "billing.setPercent",
  `UPDATE "Party" SET "allocationPercent" = ? WHERE "id" = ? AND "dossierId" = ?`,
);

// ---- portal (K7): an applicant-side membership tied to the client

export const USER_BY_EMAIL = sql("billing.userByEmail", `SELECT "id", "locale" FROM "User" WHERE "email" = ?`);
export const DOSSIER_TITLE = sql(
  "billing.dossierTitle",
  `SELECT d."title" AS "title", o."name" AS "organization" FROM "Dossier" d
   JOIN "Organization" o ON o."id" = d."organizationId" WHERE d."id" = ?`,
);
export const INSERT_USER = sql(
  "billing.insertUser",
  `INSERT INTO "User" ("id", "name", "email", "locale", "createdAt") VALUES (?, ?, ?, 'fr', ?)`,
);
export const MEMBER = sql(
  "billing.member",
  `SELECT "id", "role" FROM "DossierMember" WHERE "dossierId" = ? AND "userId" = ?`,
);
export const INSERT_MEMBER = sql(
  "billing.insertMember",
  `INSERT INTO "DossierMember" ("id", "dossierId", "userId", "side", "role", "holder", "lastReadSeq", "createdAt")
   VALUES (?, ?, ?, 'applicant', 'applicant', ?, 0, ?)`,
);
/** Only a plain applicant membership is removed: never a referent's or an advisor's. */
export const DELETE_PORTAL_MEMBER = sql(
  "billing.deletePortalMember",
  `DELETE FROM "DossierMember" WHERE "dossierId" = ? AND "userId" = ? AND "role" = 'applicant'`,
);

// ---- activities

export const INSERT_ACTIVITY = sql(
  "billing.insertActivity",
  `INSERT INTO "Activity" ("id", "dossierId", "kind", "description", "date", "durationMinutes", "hourlyRateCents",
     "amountCents", "clientPartyId", "advisorId", "status", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unbilled', ?)`,
);
export const INSERT_ALLOCATION = sql(
  "billing.insertAllocation",
  `INSERT INTO "ActivityAllocation" ("id", "activityId", "partyId", "amountCents") VALUES (?, ?, ?, ?)`,
);
export const DELETE_ALLOCATIONS = sql(
  "billing.deleteAllocations",
  `DELETE FROM "ActivityAllocation" WHERE "activityId" = ?`,
);
/** K4: shared activities not yet on a proforma or an invoice (those keep the split they were billed with). */
export const UNBILLED_SHARED = sql(
  "billing.unbilledShared",
  `SELECT "id", "amountCents" FROM "Activity"
   WHERE "dossierId" = ? AND "clientPartyId" IS NULL AND "status" = 'unbilled'
   ORDER BY "createdAt", "id"`,
);
export const UNBILLED_FOR_PARTY = sql(
  "billing.unbilledForParty",
  `SELECT COUNT(*) AS "n" FROM "ActivityAllocation" a JOIN "Activity" x ON x."id" = a."activityId"
   WHERE a."partyId" = ? AND x."status" = 'unbilled'`,
);
export const ACTIVITY_ON = sql(
  "billing.activityOn",
  `SELECT "id", "amountCents", "status", "clientPartyId" FROM "Activity" WHERE "id" = ? AND "dossierId" = ?`,
);
export const CONTACT_OF_PARTY = sql("billing.contactOfParty", `SELECT "contactId" FROM "Party" WHERE "id" = ?`);
export const MOVE_ACTIVITY = sql(
  "billing.moveActivity",
  `UPDATE "Activity" SET "dossierId" = ?, "clientPartyId" = ? WHERE "id" = ? AND "dossierId" = ? AND "status" = 'unbilled'`,
);
export const DOSSIER_ORG = sql("billing.dossierOrg", `SELECT "organizationId" FROM "Dossier" WHERE "id" = ?`);
/** K6: the source dossier of a move is locked and numbered too (the pipeline locked the target). */
export const LOCK_OTHER = sql(
  "billing.lockOther",
  `UPDATE "Dossier" SET "seq" = "seq" + 1, "lastActivityAt" = ?, "updatedAt" = ? WHERE "id" = ?
   RETURNING "seq" AS "seq", "organizationId" AS "organizationId"`,
);
export const INSERT_OTHER_EVENT = sql(
  "billing.insertOtherEvent",
  `INSERT INTO "DossierEvent" ("dossierId", "seq", "type", "audience", "actorId", "payload", "createdAt")
   VALUES (?, ?, ?, 'advisors', ?, ?, ?)`,
);

// ---- proformas and invoices

/** What a proforma takes: unbilled allocations to active clients, client by client in the split order. */
export const BILLABLE_LINES = sql(
  "billing.billableLines",
  `SELECT a."partyId" AS "partyId", a."amountCents" AS "amountCents", x."id" AS "activityId",
     x."description" AS "description", x."date" AS "date"
   FROM "Activity" x
   JOIN "ActivityAllocation" a ON a."activityId" = x."id"
   JOIN "Party" p ON p."id" = a."partyId"
   WHERE x."dossierId" = ? AND x."status" = 'unbilled' AND p."active" = ?
     AND NOT EXISTS (
       SELECT 1 FROM "ActivityAllocation" a2 JOIN "Party" p2 ON p2."id" = a2."partyId"
       WHERE a2."activityId" = x."id" AND p2."active" = ?)
   ORDER BY p."createdAt", p."id", x."date", x."createdAt", x."id"`,
);
export const ORG_VAT = sql(
  "billing.orgVat",
  `SELECT "vatRateBasisPoints" AS "rate" FROM "Organization" WHERE "id" = ?`,
);
export const INSERT_PROFORMA = sql(
  "billing.insertProforma",
  `INSERT INTO "Proforma" ("id", "dossierId", "status", "vatRateBasisPoints", "subtotalCents", "vatCents", "totalCents",
     "createdById", "createdAt", "holderId")
   VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
);
export const INSERT_PROFORMA_LINE = sql(
  "billing.insertProformaLine",
  `INSERT INTO "ProformaLine" ("id", "proformaId", "partyId", "activityId", "description", "date", "amountCents")
   VALUES (?, ?, ?, ?, ?, ?, ?)`,
);
export const MARK_ON_PROFORMA = sql(
  "billing.markOnProforma",
  `UPDATE "Activity" SET "status" = 'proforma', "proformaId" = ? WHERE "id" = ? AND "status" = 'unbilled'`,
);
export const DRAFT_PROFORMA = sql(
  "billing.draftProforma",
  `SELECT "id", "vatRateBasisPoints" AS "rate" FROM "Proforma" WHERE "id" = ? AND "dossierId" = ? AND "status" = 'draft'`,
);
export const PROFORMA_DOSSIER = sql("billing.proformaDossier", `SELECT "dossierId" FROM "Proforma" WHERE "id" = ?`);
export const PROFORMA_LINES = sql(
  "billing.proformaLines",
  `SELECT l."partyId" AS "partyId", l."activityId" AS "activityId", l."description" AS "description",
     l."date" AS "date", l."amountCents" AS "amountCents", c."name" AS "clientName", c."address" AS "clientAddress"
   FROM "ProformaLine" l JOIN "Party" p ON p."id" = l."partyId" JOIN "Contact" c ON c."id" = p."contactId"
   WHERE l."proformaId" = ?
   ORDER BY p."createdAt", p."id", l."date", l."id"`,
);
export const VALIDATE_PROFORMA = sql(
  "billing.validateProforma",
  `UPDATE "Proforma" SET "status" = 'validated', "validatedAt" = ? WHERE "id" = ? AND "status" = 'draft'`,
);
export const DELETE_PROFORMA = sql(
  "billing.deleteProforma",
  `DELETE FROM "Proforma" WHERE "id" = ? AND "status" = 'draft'`,
);
export const MARK_BILLED = sql(
  "billing.markBilled",
  `UPDATE "Activity" SET "status" = 'billed' WHERE "proformaId" = ? AND "status" = 'proforma'`,
);
export const RELEASE_PROFORMA = sql(
  "billing.releaseProforma",
  `UPDATE "Activity" SET "status" = 'unbilled', "proformaId" = NULL WHERE "proformaId" = ? AND "status" = 'proforma'`,
);
/** Gap-free numbers: the organization's row is the counter, locked until the transaction ends. */
export const NEXT_INVOICE_NUMBER = sql(
  "billing.nextInvoiceNumber",
  `UPDATE "Organization" SET "lastInvoiceNumber" = "lastInvoiceNumber" + 1 WHERE "id" = ?
   RETURNING "lastInvoiceNumber" AS "number"`,
);
export const INSERT_INVOICE = sql(
  "billing.insertInvoice",
  `INSERT INTO "Invoice" ("id", "organizationId", "dossierId", "proformaId", "partyId", "clientName", "clientAddress",
     "number", "kind", "creditOfId", "vatRateBasisPoints", "subtotalCents", "vatCents", "totalCents", "issuedById", "issuedAt",
     "holderId")
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
export const INSERT_INVOICE_LINE = sql(
  "billing.insertInvoiceLine",
  `INSERT INTO "InvoiceLine" ("id", "invoiceId", "activityId", "description", "date", "amountCents")
   VALUES (?, ?, ?, ?, ?, ?)`,
);
export const INVOICE_DOSSIER = sql("billing.invoiceDossier", `SELECT "dossierId" FROM "Invoice" WHERE "id" = ?`);
export const LIVE_INVOICE = sql(
  "billing.liveInvoice",
  `SELECT "id", "proformaId", "partyId", "clientName", "clientAddress", "number", "vatRateBasisPoints" AS "rate",
     "subtotalCents", "vatCents", "totalCents"
   FROM "Invoice" WHERE "id" = ? AND "dossierId" = ? AND "kind" = 'invoice' AND "cancelledAt" IS NULL`,
);
export const INVOICE_LINES = sql(
  "billing.invoiceLines",
  `SELECT "activityId", "description", "date", "amountCents" FROM "InvoiceLine" WHERE "invoiceId" = ? ORDER BY "date", "id"`,
);
export const CANCEL_INVOICE = sql(
  "billing.cancelInvoice",
  `UPDATE "Invoice" SET "cancelledAt" = ? WHERE "id" = ? AND "kind" = 'invoice' AND "cancelledAt" IS NULL`,
);
/** After a credit note: activities no live invoice covers any more are unbilled again. */
export const RELEASE_CANCELLED = sql(
  "billing.releaseCancelled",
  `UPDATE "Activity" SET "status" = 'unbilled', "proformaId" = NULL
   WHERE "id" IN (SELECT "activityId" FROM "InvoiceLine" WHERE "invoiceId" = ?)
     AND NOT EXISTS (
       SELECT 1 FROM "InvoiceLine" il JOIN "Invoice" i ON i."id" = il."invoiceId"
       WHERE il."activityId" = "Activity"."id" AND i."kind" = 'invoice' AND i."cancelledAt" IS NULL)`,
);

// ---- Prisma selects for the pages

export const partySelect = {
  id: true,
  role: true,
  active: true,
  allocationPercent: true,
  portalShared: true,
  portalUserId: true,
  createdAt: true,
  contact: { select: { id: true, kind: true, name: true, email: true, phone: true, address: true } },
} as const;

export const activitySelect = {
  id: true,
  kind: true,
  description: true,
  date: true,
  durationMinutes: true,
  hourlyRateCents: true,
  amountCents: true,
  clientPartyId: true,
  advisorId: true,
  status: true,
  proformaId: true,
  createdAt: true,
  allocations: { select: { partyId: true, amountCents: true } },
} as const;

// ---- T4: whose proformas and invoices they are (they never move with a transfer)

/** The dossier's holder now (not a read-only copy): the practitioner a new proforma or invoice belongs to. */
export const DOSSIER_HOLDER = sql(
  "billing.dossierHolder",
  `SELECT "userId" AS "userId" FROM "DossierMember" WHERE "dossierId" = ? AND "holder" = ? AND "readOnly" = ?`,
);
export const PROFORMA_HOLDER = sql(
  "billing.proformaHolder",
  `SELECT "holderId" AS "holderId" FROM "Proforma" WHERE "id" = ? AND "dossierId" = ?`,
);
export const INVOICE_HOLDER = sql(
  "billing.invoiceHolder",
  `SELECT "holderId" AS "holderId" FROM "Invoice" WHERE "id" = ? AND "dossierId" = ?`,
);
export const ORG_ROLE = sql(
  "billing.orgRole",
  `SELECT "role" AS "role" FROM "Membership" WHERE "organizationId" = ? AND "userId" = ?`,
);
