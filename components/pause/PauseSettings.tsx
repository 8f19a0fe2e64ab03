"use client";
// P2, P9: manual pause (with a reason and an optional comment) and reactivation, for the referent and
// staff, at the bottom of the Settings tab. The state follows the dossier's live events, so a pause
// by someone else (or a reactivation by an applicant's activity) shows here without reload.
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { pauseDossierAction, reactivateDossierAction } from "@/server/domain/pause/actions";
import { PAUSE_REASONS, type PausePayload, type PauseReason } from "@/server/domain/pause/events";
import type { PauseState } from "@/server/domain/pause/service";
import { t, type Locale } from "@/server/i18n";
import { useDossierEvent } from "../realtime/DossierLive";
import { Button } from "../ui/Button";
import { reasonLabel } from "./describe";
import { useDates } from "@/components/i18n/Dates";

const COMMENT_MAX = 1000;

export function PauseSettings({
  dossierId,
  initial,
  locale,
}: {
  dossierId: string;
  initial: PauseState;
  locale: Locale;
}) {
  const [state, setState] = useState<PauseState>(initial);
  const [reason, setReason] = useState<PauseReason | "">("");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // Which action is running: the pause's own live event can show the paused state (and its
  // Reactivate button) before the pause action has settled; that button must not say "Réactivation…".
  const [running, setRunning] = useState<"pause" | "reactivate" | null>(null);
  // The button pressed is replaced by the other state's form: focus moves to the new state's line
  // instead of falling to the page body (keyboard users keep their place).
  const stateLine = useRef<HTMLParagraphElement>(null);
  const focusState = useRef(false);
  useEffect(() => {
    if (!focusState.current) return;
    focusState.current = false;
    stateLine.current?.focus();
  }, [state.paused]);

  useDossierEvent((e) => {
    if (e.type === "dossier.paused") {
      const p = e.payload as PausePayload;
      setState((s) => ({
        ...s,
        paused: true,
        pausedAt: e.at,
        cause: p.cause,
        reason: p.cause === "manual" ? p.reason : null,
        comment: p.cause === "manual" ? (p.comment ?? null) : null,
        byName: p.byName,
      }));
    } else if (e.type === "dossier.reactivated") {
      setState((s) => ({
        ...s,
        paused: false,
        pausedAt: null,
        cause: null,
        reason: null,
        comment: null,
        byName: null,
      }));
    }
  });

  function pause(e: FormEvent) {
    e.preventDefault();
    if (pending) return; // a second submit (Enter on a radio) while the pause is being saved
    if (!reason) return setError(t(locale, "pause.error.reason"));
    if ((reason === "other" && !comment.trim()) || comment.length > COMMENT_MAX)
      return setError(t(locale, "pause.error.comment"));
    setError(null);
    setRunning("pause");
    startTransition(async () => {
      focusState.current = true;
      const res = await pauseDossierAction({ dossierId, reason, comment: comment.trim() || undefined });
      if (!res.ok) {
        focusState.current = false;
        return setError(res.error.message);
      }
      setReason("");
      setComment("");
    });
  }

  function reactivate() {
    setError(null);
    setRunning("reactivate");
    startTransition(async () => {
      focusState.current = true;
      const res = await reactivateDossierAction({ dossierId });
      if (!res.ok) {
        focusState.current = false;
        setError(res.error.message);
      }
    });
  }

  const date = useDates(locale);
  const errorLine = error ? (
    <p id="pause-error" role="alert" className="text-sm text-red-700" data-testid="pause-error">
      {error}
    </p>
  ) : null;

  if (state.paused) {
    return (
      <div className="mt-4 space-y-3" data-testid="pause-settings" data-paused="true">
        <p ref={stateLine} tabIndex={-1} data-testid="pause-state" className="text-sm font-medium text-amber-900">
          {state.cause === "inactivity"
            ? t(locale, "pause.pausedInactivity", { date: date(state.pausedAt!, "longDate") })
            : t(locale, "pause.pausedManual", {
                date: date(state.pausedAt!, "longDate"),
                name: state.byName ?? t(locale, "timeline.someone"),
              })}
        </p>
        {state.reason ? (
          <p className="text-sm text-slate-700">
            {t(locale, "pause.reasonLine", { reason: reasonLabel(locale, state.reason) })}
          </p>
        ) : null}
        {state.comment ? (
          <p className="whitespace-pre-wrap break-words text-sm text-slate-700">{state.comment}</p>
        ) : null}
        {errorLine}
        <Button type="button" onClick={reactivate} busy={pending}>
          {pending && running === "reactivate" ? t(locale, "pause.reactivating") : t(locale, "pause.reactivate")}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={pause} className="mt-4 space-y-4" noValidate data-testid="pause-settings" data-paused="false">
      <p ref={stateLine} tabIndex={-1} data-testid="pause-state" className="text-sm text-slate-700">
        {t(locale, "pause.active")}
      </p>
      <fieldset aria-describedby={error ? "pause-error" : undefined}>
        <legend className="text-sm font-medium text-slate-900">{t(locale, "pause.reason")}</legend>
        <div className="mt-2 space-y-1.5">
          {PAUSE_REASONS.map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="reason"
                value={r}
                checked={reason === r}
                onChange={() => {
                  setReason(r);
                  setError(null);
                }}
              />
              {reasonLabel(locale, r)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="pause-comment" className="block text-sm font-medium text-slate-900">
          {t(locale, "pause.comment")}
        </label>
        <textarea
          id="pause-comment"
          name="comment"
          rows={3}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          className="mt-1 block w-full resize-y rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600"
        />
      </div>
      {errorLine}
      <Button type="submit" variant="secondary" busy={pending}>
        {pending && running === "pause" ? t(locale, "pause.submitting") : t(locale, "pause.submit")}
      </Button>
    </form>
  );
}
