// Pure time computations for the digest (N4) and reminder (R3, P10) jobs: no database, no clock of their
// own. Local times are in an organization's IANA time zone, through Intl, so daylight-saving changes
// follow the zone's rules (08:00 in Paris is 07:00 UTC in winter, 06:00 UTC in summer).

export type DigestFrequency = "daily" | "weekly";

/** N4: digests leave at this local hour. */
export const DIGEST_HOUR = 8;
/**
 * How late a digest may still leave after its slot (a server that was down at 08:00 sends it when it
 * comes back the same day). Beyond, the slot is skipped: its content goes into the next digest, and no
 * daily digest ever leaves on a Saturday for Friday's slot.
 */
export const DIGEST_GRACE_MS = 12 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

type LocalParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock date and time of an instant in a time zone; weekday 0 is Sunday. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday],
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (Paris: +1 h in winter, +2 h in summer). */
function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant when a zone's clocks show this local date and time. 08:00 exists on every day in the
 * zones we serve (changes happen at night); for a local time skipped by a change, the later offset wins.
 */
export function zonedTime(timeZone: string, year: number, month: number, day: number, hour: number, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let t = guess - offsetMs(new Date(guess), timeZone);
  // A second pass corrects a guess made on the other side of a change.
  t = guess - offsetMs(new Date(t), timeZone);
  return new Date(t);
}

/** Whether a time zone name is known to this runtime (Organization.timeZone is free text). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function isSlotDay(frequency: DigestFrequency, weekday: number): boolean {
  return frequency === "weekly" ? weekday === 1 : weekday >= 1 && weekday <= 5;
}

/**
 * N4: the latest digest slot at or before `now`: 08:00 local Monday to Friday (daily), Monday 08:00
 * local (weekly).
 */
export function latestDigestSlot(frequency: DigestFrequency, now: Date, timeZone: string): Date {
  const today = localParts(now, timeZone);
  // Walk back over local calendar days (noon UTC of the local date, to step days without DST trouble).
  const base = Date.UTC(today.year, today.month - 1, today.day, 12);
  for (let back = 0; back <= 8; back++) {
    const d = new Date(base - back * DAY_MS);
    const weekday = d.getUTCDay();
    if (!isSlotDay(frequency, weekday)) continue;
    const slot = zonedTime(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), DIGEST_HOUR);
    if (slot.getTime() <= now.getTime()) return slot;
  }
  throw new Error("unreachable: a slot exists in every 8 days");
}

/** The slot before this one (Friday's for Monday's daily digest, last Monday's for a weekly one). */
export function previousDigestSlot(frequency: DigestFrequency, slot: Date, timeZone: string): Date {
  return latestDigestSlot(frequency, new Date(slot.getTime() - 1), timeZone);
}

/** The first slot strictly after `now`. */
export function nextDigestSlot(frequency: DigestFrequency, now: Date, timeZone: string): Date {
  // Any slot is at most 7 days after the previous one: step a day at a time from the latest.
  let probe = new Date(now.getTime());
  for (let i = 0; i < 9; i++) {
    probe = new Date(probe.getTime() + DAY_MS);
    const s = latestDigestSlot(frequency, probe, timeZone);
    if (s.getTime() > now.getTime()) return s;
  }
  throw new Error("unreachable: a slot exists in every 8 days");
}

/** N4: the slot the job should handle now, or null when the latest slot is too old (DIGEST_GRACE_MS). */
export function dueDigestSlot(
  frequency: DigestFrequency,
  now: Date,
  timeZone: string,
  graceMs = DIGEST_GRACE_MS,
): Date | null {
  const slot = latestDigestSlot(frequency, now, timeZone);
  return now.getTime() - slot.getTime() < graceMs ? slot : null;
}

/**
 * R3, P10: when the next reminder about a dossier's open recommendations leaves.
 *
 * Reminders count from an anchor: the later of the time since which the oldest open recommendation
 * has waited (its last status change), the last reactivation (P10: re-armed from its date) and the last
 * reminder. The first reminder is one delay after the anchor, the next ones every delay after it.
 * Null when nothing is open or the dossier is paused (P4).
 */
export function nextReminderAt(p: {
  openSince: Date | null;
  armedAt: Date | null;
  lastReminderAt: Date | null;
  delayMs: number;
  paused: boolean;
}): Date | null {
  if (p.paused || !p.openSince) return null;
  const anchor = Math.max(p.openSince.getTime(), p.armedAt?.getTime() ?? 0, p.lastReminderAt?.getTime() ?? 0);
  return new Date(anchor + p.delayMs);
}

/**
 * R3: the slot a reminder due at `due` stands for at `now`: the latest of due, due + delay, due + 2·delay…
 * not after now. Stored as the last reminder, it keeps the rhythm (every 6 weeks from the anchor) and a
 * job that was stopped for months sends one reminder, not one per missed slot.
 */
export function reminderSlot(due: Date, delayMs: number, now: Date): Date | null {
  if (now.getTime() < due.getTime()) return null;
  const n = Math.floor((now.getTime() - due.getTime()) / delayMs);
  return new Date(due.getTime() + n * delayMs);
}
