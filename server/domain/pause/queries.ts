// The pause area's statements (P2, P3, P6, P10): every state change is guarded in the statement itself
// ("where active" / "where paused"), so concurrent requests change the dossier once.
import { sql } from "../../db/hot";

export const PAUSE_BY_HAND = sql(
  "pause.byHand",
  `UPDATE "Dossier" SET "pausedAt" = ?, "pauseCause" = 'manual', "pauseReason" = ?, "pausedById" = ?
   WHERE "id" = ? AND "pausedAt" IS NULL`,
);

// P10: reminders count again from this reactivation (R3); P3's clock restarts from it.
export const REACTIVATE_BY_HAND = sql(
  "pause.reactivateByHand",
  `UPDATE "Dossier" SET "pausedAt" = NULL, "pauseCause" = NULL, "pauseReason" = NULL, "pausedById" = NULL,
     "lastReactivatedAt" = ?, "remindersArmedAt" = ?
   WHERE "id" = ? AND "pausedAt" IS NOT NULL`,
);

// P6: applicant-side activity; it is also a visit (P3), and re-arms the reminders (P10).
export const REACTIVATE_ON_ACTIVITY = sql(
  "pause.reactivateOnActivity",
  `UPDATE "Dossier" SET "pausedAt" = NULL, "pauseCause" = NULL, "pauseReason" = NULL, "pausedById" = NULL,
     "lastApplicantVisitAt" = ?, "remindersArmedAt" = ?
   WHERE "id" = ? AND "pausedAt" IS NOT NULL`,
);

// P3: the clock is the later of the last applicant-side visit (creation when never visited) and the
// last manual reactivation; the same condition as inactiveSince() in service.ts, checked again here.
export const PAUSE_FOR_INACTIVITY = sql(
  "pause.forInactivity",
  `UPDATE "Dossier" SET "pausedAt" = ?, "pauseCause" = 'inactivity', "pauseReason" = NULL, "pausedById" = NULL
   WHERE "id" = ? AND "pausedAt" IS NULL
     AND ("lastApplicantVisitAt" < ? OR ("lastApplicantVisitAt" IS NULL AND "createdAt" < ?))
     AND ("lastReactivatedAt" IS NULL OR "lastReactivatedAt" < ?)`,
);
