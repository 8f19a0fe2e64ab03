// The reminder area's statements and Prisma selects (R3, P4, P10).
import { sql } from "../../db/hot";
import { OPEN_STATUSES } from "../recommendation/statuses";

export const dossierSelect = {
  id: true,
  title: true,
  pausedAt: true,
  remindersArmedAt: true,
  lastReminderAt: true,
  organization: { select: { id: true, name: true, reminderDelayDays: true, remindersToAllApplicants: true } },
} as const;

/** R3, P4: the dossiers the job looks at: active, with an open recommendation (paused ones are not even read). */
export const activeWithOpenRecommendations = {
  pausedAt: null,
  recommendations: { some: { status: { in: [...OPEN_STATUSES] } } },
};

export const openRecommendationsWhere = (dossierId: string) => ({ dossierId, status: { in: [...OPEN_STATUSES] } });

// R3: the guard, first (SQLite's write lock, PostgreSQL's row lock): still active, still the state read,
// so two runs at once take the slot once.
export const TAKE_REMINDER_SLOT = sql(
  "reminder.takeSlot",
  `UPDATE "Dossier" SET "lastReminderAt" = ?
   WHERE "id" = ? AND "pausedAt" IS NULL
     AND "lastReminderAt" IS NOT DISTINCT FROM ? AND "remindersArmedAt" IS NOT DISTINCT FROM ?`,
);

// R3: open recommendations read again after the guard: one closed meanwhile is not listed.
export const OPEN_RECOMMENDATIONS = sql(
  "reminder.openRecommendations",
  `SELECT "title" AS "title", "status" AS "status" FROM "Recommendation"
   WHERE "dossierId" = ? AND "status" IN (${OPEN_STATUSES.map(() => "?").join(", ")})
   ORDER BY "statusChangedAt" ASC, "id" ASC`,
);

export const APPLICANT_MEMBERS = sql(
  "reminder.applicantMembers",
  `SELECT "userId" AS "userId", "role" AS "role" FROM "DossierMember" WHERE "dossierId" = ? AND "side" = 'applicant'`,
);
