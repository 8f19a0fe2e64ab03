// The dashboard area's statements.
import { sql } from "../../db/hot";

// After most messages (G2): prepared statements, not Prisma queries compiled on the event loop.
export const DOSSIER_MEMBERS = sql("dashboard.members", `SELECT "userId" FROM "DossierMember" WHERE "dossierId" = ?`);
export const DOSSIER_ADVISORS = sql(
  "dashboard.advisorMembers",
  `SELECT "userId" FROM "DossierMember" WHERE "dossierId" = ? AND "side" = 'advisor'`,
);
