// S7, S11, T7, X2: which documents a partner sees, and which supplement files the advisor side sees.
// Access is the query (STYLE: 404 by construction), never a filter afterwards.
import type { Prisma } from "../../db";

/**
 * X2, S7, S11: for a partner whose live solicitations on the dossier are `solicitationIds`: their own
 * supplement files, and documents (not supplements) marked visible to partners for every partner or for
 * one of their solicitations. Never a confidential document (T7) nor another partner's supplement.
 */
export function partnerDocumentsWhere(dossierId: string, solicitationIds: string[]): Prisma.DocumentWhereInput {
  return {
    dossierId,
    visibleToUserId: null,
    OR: [
      { solicitationId: { in: solicitationIds } },
      {
        visibleToPartner: true,
        solicitationId: null,
        OR: [{ partnerShares: { none: {} } }, { partnerShares: { some: { solicitationId: { in: solicitationIds } } } }],
      },
    ],
  };
}

/**
 * S11, X2: the confidential flag covers supplement files: a confidential solicitation's files are seen
 * on the dossier's side only by the advisor who asked and by staff; the applicant side never sees them.
 */
export function supplementFilesWhere(
  userId: string,
  roles: string[],
  side: "advisor" | "applicant",
): Prisma.DocumentWhereInput {
  if (side === "advisor" && roles.includes("staff")) return {};
  return {
    OR: [
      { solicitationId: null },
      { solicitation: { confidential: false } },
      ...(side === "advisor" ? [{ solicitation: { askedById: userId } }] : []),
    ],
  };
}
