// How a pause or reactivation reads for people (P7, P9): shared by the timeline and the conversation's
// system lines, on the server and in the browser.
import {
  PAUSE_REASONS,
  type PausePayload,
  type PauseReason,
  type ReactivationPayload,
} from "@/server/domain/pause/events";
import { t, type Locale, type MessageKey } from "@/server/i18n";

export type PauseLine = { text: string; reason?: string; comment?: string; automatic: boolean };

export function isPauseEvent(type: string): boolean {
  return type === "dossier.paused" || type === "dossier.reactivated";
}

export function reasonLabel(locale: Locale, reason: PauseReason): string {
  return t(locale, `pause.reason.${reason}` as MessageKey);
}

/** The line for a "dossier.paused" or "dossier.reactivated" event, or null for any other type. */
export function describePauseEvent(locale: Locale, type: string, raw: unknown): PauseLine | null {
  const someone = t(locale, "timeline.someone");
  if (type === "dossier.paused") {
    const p = (raw ?? {}) as Partial<PausePayload> & { reason?: unknown; comment?: unknown; delayDays?: number };
    if (p.cause === "inactivity")
      return { text: t(locale, "pause.event.pausedInactivity", { days: p.delayDays ?? 365 }), automatic: true };
    const reason =
      typeof p.reason === "string" && (PAUSE_REASONS as readonly string[]).includes(p.reason)
        ? reasonLabel(locale, p.reason as PauseReason)
        : undefined;
    return {
      text: t(locale, "pause.event.pausedManual", { name: p.byName ?? someone }),
      reason: reason ? t(locale, "pause.reasonLine", { reason }) : undefined,
      comment: typeof p.comment === "string" ? p.comment : undefined,
      automatic: false,
    };
  }
  if (type === "dossier.reactivated") {
    const p = (raw ?? {}) as Partial<ReactivationPayload>;
    const name = p.byName ?? someone;
    if (p.cause === "manual") return { text: t(locale, "pause.event.reactivatedManual", { name }), automatic: false };
    const key = p.activity
      ? (`pause.event.reactivatedActivity.${p.activity}` as MessageKey)
      : "pause.event.reactivatedActivity";
    return { text: t(locale, key, { name }), automatic: true };
  }
  return null;
}
