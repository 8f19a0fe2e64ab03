// C9, A1–A5: what a search may return, written once as SQL so that it is part of the query and never
// a filter applied afterwards (a row the actor may not see is never read). queries.ts joins it into
// every search statement; its two placeholders take the actor's user id twice.
//
// - A member of the dossier (either side) or staff/admin of its organization: the same rule as
//   visibleDossiersWhere and dossierAccess (dossier/policy.ts).
// - A4: entries of audience "advisors" only for the advisor side and staff. Today every indexed thing
//   (messages, dossier titles, recommendation titles, document names) is seen by both sides, so every
//   entry is "all"; the column is there for advisor-only content to come.
// - T7: a confidential document (or one a transfer left behind) is found by the one user it is
//   visible to only (x."visibleToUserId"), never by staff or other members.
// - S11, X2: a confidential solicitation's supplement files are found by the advisor who asked and by
//   staff only.
// - T4: a read-only copy kept after a transfer finds what the dossier held at the transfer only
//   (messages up to its seq, documents and recommendations made before it), and no advisor-only entry.
// - A2, A5: a coordinator who is not a member, a partner (reaching a dossier only through a
//   solicitation), a removed member, another organization's user: not a member and not staff, nothing.
import { STAFF_ROLES_SQL } from "../users/events";

/** FROM-clause joins on "SearchEntry" e: the dossier d and the actor's memberships m (dossier) and o (org). */
export const VISIBLE_JOINS = `JOIN "Dossier" d ON d."id" = e."dossierId"
   LEFT JOIN "DossierMember" m ON m."dossierId" = e."dossierId" AND m."userId" = ?
   LEFT JOIN "Membership" o ON o."organizationId" = d."organizationId" AND o."userId" = ? AND o."role" IN ${STAFF_ROLES_SQL}
   LEFT JOIN "Document" x ON e."kind" = 'document' AND x."id" = e."refId"`;

/**
 * The ids of the dossiers a user is a member or staff of, given the user's placeholders (PostgreSQL's
 * `$n` of VISIBLE_JOINS' two): what VISIBLE_WHERE's first condition requires, as a list a search can
 * start from instead of ranking every matching entry of the database first (issue 18).
 */
export const memberOrStaffDossierIds = (member: string, staff: string) =>
  `SELECT m0."dossierId" FROM "DossierMember" m0 WHERE m0."userId" = ${member}
   UNION ALL SELECT d0."id" FROM "Membership" o0 JOIN "Dossier" d0 ON d0."organizationId" = o0."organizationId"
     WHERE o0."userId" = ${staff} AND o0."role" IN ${STAFF_ROLES_SQL}`;

/** WHERE conditions that go with VISIBLE_JOINS. */
export const VISIBLE_WHERE = `(m."id" IS NOT NULL OR o."id" IS NOT NULL)
   AND (e."audience" = 'all' OR (m."side" = 'advisor' AND m."readOnly" = false) OR o."id" IS NOT NULL)
   AND (x."visibleToUserId" IS NULL OR x."visibleToUserId" = m."userId")
   AND (o."id" IS NOT NULL OR m."readOnly" = false OR e."kind" = 'dossier'
     OR (e."seq" IS NOT NULL AND e."seq" <= m."readOnlySeq")
     OR (e."seq" IS NULL AND e."at" <= m."readOnlySince"))
   AND (x."solicitationId" IS NULL OR o."id" IS NOT NULL OR NOT EXISTS (SELECT 1 FROM "Solicitation" sx
     WHERE sx."id" = x."solicitationId" AND sx."confidential" = TRUE
       AND NOT (m."side" = 'advisor' AND sx."askedById" = m."userId")))`;
