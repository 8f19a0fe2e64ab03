// S6 (issue 16): when reminders may leave. One limit for every reminder of a solicitation (Notify, one
// partner's reminder, the automatic ones, a renewed key): at most one a UTC day, guarded in the database
// by MARK_REMINDED. The automatic ones leave N days before the desired date and N days after it
// (organization settings, 0 turns one off), each once; this file says which slot applies and when the
// next one will leave, so that the job and the card agree.
const DAY = 86_400_000;

export type ReminderSlotKind = "manual" | "automatic" | "key";

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** A reminder was already sent today: nothing else may leave before tomorrow. */
export function remindedToday(lastRemindedAt: Date | null, now: Date): boolean {
  return lastRemindedAt !== null && lastRemindedAt.getTime() >= startOfUtcDay(now).getTime();
}

/** What a reminder row's slot means on the card: "manual:<day>", "before"/"after", "key:<instant>". */
export function slotKind(slot: string): ReminderSlotKind {
  if (slot.startsWith("key:")) return "key";
  return slot === "before" || slot === "after" ? "automatic" : "manual";
}

export type AutomaticFacts = {
  dueDate: Date | null;
  answeredAt: Date | null;
  revokedAt: Date | null;
  lastRemindedAt: Date | null;
  slotsTaken: string[];
  daysBefore: number;
  daysAfter: number;
};

/** The automatic slot the job sends at `now` (the latest that applies), or null. */
export function automaticSlotAt(f: AutomaticFacts, now: Date): "before" | "after" | null {
  if (!f.dueDate || f.answeredAt || f.revokedAt) return null;
  const due = f.dueDate.getTime();
  const t = now.getTime();
  if (f.daysAfter > 0 && t >= due + f.daysAfter * DAY) return "after";
  if (f.daysBefore > 0 && t >= due - f.daysBefore * DAY && t < due + DAY) return "before";
  return null;
}

/**
 * When the next automatic reminder leaves (the job runs hourly: from that instant on), or null when
 * none will. A reminder already sent today, manual or not, moves it to tomorrow at the earliest.
 */
export function nextAutomaticReminder(f: AutomaticFacts, now: Date): Date | null {
  if (!f.dueDate || f.answeredAt || f.revokedAt) return null;
  const due = f.dueDate.getTime();
  const earliest = remindedToday(f.lastRemindedAt, now) ? startOfUtcDay(now).getTime() + DAY : now.getTime();
  if (f.daysBefore > 0 && !f.slotsTaken.includes("before")) {
    const at = Math.max(earliest, due - f.daysBefore * DAY);
    // The "before" window closes when the desired day ends (and never overlaps "after", days ≥ 1).
    if (at < due + DAY) return new Date(at);
  }
  if (f.daysAfter > 0 && !f.slotsTaken.includes("after")) return new Date(Math.max(earliest, due + f.daysAfter * DAY));
  return null;
}
