"use client";
// P10, R3: the next planned reminder about open recommendations, on the dossier's Settings tab; none
// while the dossier is paused. It follows the dossier's live events: a pause hides it at once, a
// reactivation shows the date it re-arms (one delay after the reactivation).
import { useState } from "react";
import type { ReminderPlan } from "@/server/domain/reminder/service";
import { t, type Locale } from "@/server/i18n";
import { useDossierEvent } from "../realtime/DossierLive";
import { useDates } from "@/components/i18n/Dates";

const DAY_MS = 24 * 60 * 60 * 1000;

export function NextReminder({ initial, locale }: { initial: ReminderPlan; locale: Locale }) {
  const [plan, setPlan] = useState<ReminderPlan>(initial);
  const date = useDates(locale);

  useDossierEvent((e) => {
    if (e.type === "dossier.paused") setPlan((p) => ({ ...p, paused: true, nextAt: null }));
    else if (e.type === "dossier.reactivated") {
      setPlan((p) => ({
        ...p,
        paused: false,
        nextAt: p.hasOpen ? new Date(new Date(e.at).getTime() + p.delayDays * DAY_MS).toISOString() : null,
      }));
    } else if (e.type === "recommendation.created") {
      // The first open recommendation starts the clock; with others open the date stays.
      setPlan((p) =>
        p.hasOpen
          ? p
          : {
              ...p,
              hasOpen: true,
              nextAt: p.paused ? null : new Date(new Date(e.at).getTime() + p.delayDays * DAY_MS).toISOString(),
            },
      );
    }
  });

  const weeks = Math.round(plan.delayDays / 7);
  let line: string;
  if (plan.paused) line = t(locale, "reminder.settings.paused");
  else if (!plan.nextAt) line = t(locale, "reminder.settings.none");
  else line = t(locale, "reminder.settings.next", { date: date(plan.nextAt, "longDate") });

  return (
    <div
      className="mt-2 space-y-1"
      data-testid="next-reminder"
      data-next={plan.nextAt ?? ""}
      data-paused={plan.paused ? "true" : "false"}
    >
      <p className="text-sm text-slate-800">{line}</p>
      <p className="text-sm text-slate-600">
        {t(locale, plan.toAllApplicants ? "reminder.settings.toAll" : "reminder.settings.toReferent", { weeks })}
      </p>
    </div>
  );
}
