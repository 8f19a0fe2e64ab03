// The dossier area's statements: the change pipeline's lock, seq and event log (change.ts).
import { sql } from "../../db/hot";

// Activity moves lastActivityAt (the dashboard's order and its recent-activity filter, D1, D2).
export const LOCK_ACTIVITY = sql(
  "change.lockActivity",
  `UPDATE "Dossier" SET "seq" = "seq" + 1, "lastActivityAt" = ?, "updatedAt" = ? WHERE "id" = ?
   RETURNING "seq" AS "seq", "organizationId" AS "organizationId"`,
);
// P5: a change that is not activity (the automatic pause) leaves lastActivityAt alone.
export const LOCK_QUIET = sql(
  "change.lockQuiet",
  `UPDATE "Dossier" SET "seq" = "seq" + 1, "updatedAt" = ? WHERE "id" = ?
   RETURNING "seq" AS "seq", "organizationId" AS "organizationId"`,
);
export const NEXT_SEQ = sql(
  "change.nextSeq",
  `UPDATE "Dossier" SET "seq" = "seq" + 1 WHERE "id" = ? RETURNING "seq" AS "seq"`,
);
export const INSERT_EVENT = sql(
  "change.insertEvent",
  `INSERT INTO "DossierEvent" ("dossierId", "seq", "type", "audience", "actorId", "payload", "createdAt")
   VALUES (?, ?, ?, ?, ?, ?, ?)`,
);
