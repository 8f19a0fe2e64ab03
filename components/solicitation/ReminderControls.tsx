"use client";
// S6, S2 (issue 16): a solicitation card's reminders: each email that followed the request (manual, by
// whom; automatic; a renewed key), when the next automatic one leaves, "Relancer ce partenaire" (same
// once-a-day limit as Notify) and "Renvoyer une clé" for an external partner who has not attached yet.
import { useState } from "react";
import { remindPartnerAction, renewPartnerKeyAction } from "@/server/domain/solicitation/actions";
import type { SolicitationView } from "@/server/domain/solicitation/events";
import { t, type Locale } from "@/server/i18n";
import { Button } from "../ui/Button";
import { useDates } from "@/components/i18n/Dates";

export function ReminderControls({
  s,
  locale,
  onChanged,
}: {
  s: SolicitationView;
  locale: Locale;
  onChanged: () => Promise<void>;
}) {
  const date = useDates(locale);
  const [busy, setBusy] = useState<"remind" | "key" | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  async function run(which: "remind" | "key") {
    setBusy(which);
    setNotice(null);
    try {
      const res =
        which === "remind"
          ? await remindPartnerAction({ solicitationId: s.id })
          : await renewPartnerKeyAction({ solicitationId: s.id });
      setNotice(
        res.ok
          ? { ok: true, text: t(locale, which === "remind" ? "solicitation.remindedOne" : "solicitation.keyRenewed") }
          : { ok: false, text: res.error.message },
      );
      await onChanged();
    } finally {
      setBusy(null);
    }
  }

  const open = s.state !== "answered" && s.state !== "withdrawn";
  return (
    <div className="mt-3 space-y-2 text-sm text-slate-600">
      {s.state === "expired" ? (
        <p className="text-amber-800" data-testid="solicitation-expired">
          {t(locale, "solicitation.expiredHint")}
        </p>
      ) : null}
      <div data-testid="solicitation-reminders">
        <span className="font-medium text-slate-700">{t(locale, "solicitation.reminderLog")} </span>
        {s.reminderLog.length === 0 ? (
          t(locale, "solicitation.noReminder")
        ) : (
          <ul className="mt-1 list-disc pl-5">
            {s.reminderLog.map((r) => (
              <li key={`${r.at}-${r.by}`} data-testid="reminder" data-by={r.by}>
                {t(locale, `solicitation.reminderLog.${r.by}`, {
                  date: date(r.at, "medium"),
                  name: r.byName ?? "—",
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {open ? (
        <p data-testid="solicitation-next-reminder">
          {s.nextAutomaticReminder
            ? t(locale, "solicitation.nextAutomatic", { date: date(s.nextAutomaticReminder, "medium") })
            : t(locale, "solicitation.noNextAutomatic")}
        </p>
      ) : null}
      {open ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" onClick={() => void run("remind")} busy={busy !== null} disabled={!s.canRemind}>
            {busy === "remind" ? t(locale, "solicitation.reminding") : t(locale, "solicitation.remindOne")}
          </Button>
          {s.canRenewKey ? (
            <Button variant="secondary" onClick={() => void run("key")} busy={busy !== null}>
              {busy === "key" ? t(locale, "solicitation.renewingKey") : t(locale, "solicitation.renewKey")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {notice ? (
        <p role={notice.ok ? "status" : "alert"} className={notice.ok ? "text-emerald-800" : "text-red-700"}>
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}
