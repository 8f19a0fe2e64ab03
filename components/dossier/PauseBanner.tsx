"use client";
// P1: "Dossier en pause" appears and disappears live for everyone viewing, with who paused, why and
// since when; the referent and staff reactivate from it (P2); applicants are told their emails are
// suspended (P4). The outer live region stays mounted so screen readers hear the banner come and go.
import { useState, useTransition } from "react";
import { reactivateDossierAction } from "@/server/domain/pause/actions";
import type { PausePayload } from "@/server/domain/pause/events";
import type { PauseState } from "@/server/domain/pause/service";
import { t, type Locale } from "@/server/i18n";
import { reasonLabel } from "../pause/describe";
import { useDossierEvent } from "../realtime/DossierLive";
import { Button } from "../ui/Button";
import { useDates } from "@/components/i18n/Dates";
import { focusMainHeading } from "@/components/layout/FocusHeading";

type Shown = Pick<PauseState, "pausedAt" | "cause" | "reason" | "comment" | "byName">;

export function PauseBanner({
  dossierId,
  initial,
  side,
  canPause,
  locale,
}: {
  dossierId: string;
  initial: Shown | null;
  side: "applicant" | "advisor";
  canPause: boolean;
  locale: Locale;
}) {
  const [pause, setPause] = useState<Shown | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const dates = useDates(locale);
  useDossierEvent((e) => {
    if (e.type === "dossier.paused") {
      const p = e.payload as PausePayload;
      setDone(false);
      setPause({
        pausedAt: e.at,
        cause: p.cause,
        reason: p.cause === "manual" ? p.reason : null,
        comment: p.cause === "manual" ? (p.comment ?? null) : null,
        byName: p.byName,
      });
    } else if (e.type === "dossier.reactivated") setPause(null);
  });

  function reactivate() {
    setError(null);
    startTransition(async () => {
      const res = await reactivateDossierAction({ dossierId });
      if (!res.ok) return setError(res.error.message);
      setDone(true);
      setPause(null);
      // The banner and its button go: focus moves to the dossier's title rather than the page's body.
      focusMainHeading();
    });
  }

  const date = pause?.pausedAt ? dates(pause.pausedAt, "longDate") : "";
  return (
    <div aria-live="polite">
      {pause ? (
        <div
          data-testid="pause-banner"
          className="mt-4 flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 sm:flex-row sm:items-start sm:justify-between"
        >
          <div className="min-w-0 space-y-1">
            <p className="font-semibold">{t(locale, "dossier.paused")}</p>
            <p data-testid="pause-banner-detail">
              {pause.cause === "inactivity"
                ? t(locale, "pause.pausedInactivity", { date })
                : t(locale, "pause.pausedManual", { date, name: pause.byName ?? t(locale, "timeline.someone") })}
              {pause.reason ? ` ${t(locale, "pause.reasonLine", { reason: reasonLabel(locale, pause.reason) })}` : ""}
            </p>
            {pause.comment ? <p className="whitespace-pre-wrap break-words">{pause.comment}</p> : null}
            {side === "applicant" ? (
              <p data-testid="pause-banner-emails">{t(locale, "pause.banner.applicantEmails")}</p>
            ) : null}
            {error ? (
              <p role="alert" className="text-red-800">
                {error}
              </p>
            ) : null}
          </div>
          {canPause ? (
            <Button type="button" onClick={reactivate} busy={pending} className="shrink-0">
              {pending ? t(locale, "pause.reactivating") : t(locale, "pause.banner.reactivate")}
            </Button>
          ) : null}
        </div>
      ) : done ? (
        <p className="sr-only">{t(locale, "pause.banner.reactivated")}</p>
      ) : null}
    </div>
  );
}
