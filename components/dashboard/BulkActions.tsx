"use client";
// P8: staff pause or reactivate the selected dossiers at once. "Select all" takes the visible rows;
// each action asks for confirmation with the count, then says what happened in a live region.
import { useEffect, useRef, useState } from "react";
import { pauseDossiersAction, reactivateDossiersAction } from "@/server/domain/pause/actions";
import { PAUSE_REASONS, type PauseReason } from "@/server/domain/pause/events";
import { t, type Locale } from "@/server/i18n";
import { reasonLabel } from "../pause/describe";
import { Button } from "../ui/Button";

type Kind = "pause" | "reactivate";

export function BulkActions({
  locale,
  visible,
  selected,
  onSelect,
  onDone,
}: {
  locale: Locale;
  /** the ids of the rows shown, in order */
  visible: string[];
  selected: string[];
  onSelect: (ids: string[]) => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState<PauseReason | "">("");
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; count: number } | null>(null);
  const [confirming, setConfirming] = useState<Kind | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const all = useRef<HTMLInputElement>(null);

  const count = selected.length;
  const allChecked = visible.length > 0 && visible.every((id) => selected.includes(id));
  useEffect(() => {
    if (all.current) all.current.indeterminate = count > 0 && !allChecked;
  }, [count, allChecked]);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (confirming && !d.open) d.showModal();
    if (!confirming && d.open) d.close();
  }, [confirming]);

  function ask(kind: Kind) {
    setStatus(null);
    if (kind === "pause") {
      if (!reason) return setError(t(locale, "pause.error.reason"));
      if (reason === "other" && !comment.trim()) return setError(t(locale, "pause.error.comment"));
    }
    setError(null);
    setConfirming(kind);
  }

  async function confirm() {
    const kind = confirming;
    if (!kind || (kind === "pause" && !reason)) return;
    setBusy(true);
    try {
      const res =
        kind === "pause"
          ? await pauseDossiersAction(selected, reason, comment.trim() || undefined)
          : await reactivateDossiersAction(selected);
      setConfirming(null);
      if (!res.ok) return setError(res.error.message);
      const changed = res.value.results.filter((r) => r.ok && r.changed).length;
      const unchanged = res.value.results.filter((r) => r.ok && !r.changed).length;
      const failed = res.value.results.filter((r) => !r.ok).length;
      const parts = [
        t(locale, kind === "pause" ? "dashboard.bulkPaused" : "dashboard.bulkReactivated", { count: changed }),
        unchanged ? t(locale, "dashboard.bulkUnchanged", { count: unchanged }) : "",
        failed ? t(locale, "dashboard.bulkFailed", { count: failed }) : "",
      ];
      setStatus({ text: parts.filter(Boolean).join(" "), count: changed });
      if (kind === "pause") setComment("");
      onDone();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2">
      <form
        onSubmit={(e) => (e.preventDefault(), ask("pause"))}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm"
        aria-label={t(locale, "dashboard.bulkActions")}
        data-testid="bulk-actions"
      >
        <label className="flex items-center gap-2 self-center">
          <input
            ref={all}
            type="checkbox"
            className="h-4 w-4"
            checked={allChecked}
            onChange={(e) => onSelect(e.target.checked ? visible : [])}
          />
          {t(locale, "dashboard.selectAll")}
        </label>
        <span className="self-center text-slate-600" data-testid="bulk-count" data-count={count}>
          {count > 0 ? t(locale, "dashboard.selectedCount", { count }) : ""}
        </span>
        <label className="flex flex-col gap-1">
          <span>{t(locale, "pause.reason")}</span>
          <select
            value={reason}
            onChange={(e) => setReason(e.target.value as PauseReason)}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          >
            <option value="">—</option>
            {PAUSE_REASONS.map((r) => (
              <option key={r} value={r}>
                {reasonLabel(locale, r)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-48 flex-1 flex-col gap-1">
          <span>{t(locale, "pause.comment")}</span>
          <input
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={1000}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          />
        </label>
        <Button type="submit" variant="secondary" disabled={busy || count === 0}>
          {`${t(locale, "dashboard.pauseSelected")} (${count})`}
        </Button>
        <Button type="button" variant="secondary" disabled={busy || count === 0} onClick={() => ask("reactivate")}>
          {`${t(locale, "dashboard.reactivateSelected")} (${count})`}
        </Button>
        {error ? (
          <p role="alert" className="w-full text-red-700" data-testid="bulk-error">
            {error}
          </p>
        ) : null}
      </form>
      <p role="status" data-testid="bulk-status" data-count={status?.count} className="text-sm text-emerald-800">
        {status?.text ?? ""}
      </p>
      <dialog
        ref={dialog}
        onClose={() => setConfirming(null)}
        aria-labelledby="bulk-confirm-title"
        data-testid="bulk-confirm"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-5 backdrop:bg-slate-900/40"
      >
        <h2 id="bulk-confirm-title" className="text-lg font-semibold">
          {confirming === "reactivate"
            ? t(locale, "dashboard.confirmReactivate", { count })
            : t(locale, "dashboard.confirmPause", { count })}
        </h2>
        {confirming === "pause" && reason ? (
          <p className="mt-2 text-sm text-slate-700">
            {t(locale, "pause.reasonLine", { reason: reasonLabel(locale, reason) })}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setConfirming(null)} disabled={busy}>
            {t(locale, "dashboard.cancel")}
          </Button>
          <Button type="button" onClick={() => void confirm()} disabled={busy}>
            {busy ? t(locale, "dashboard.applying") : t(locale, "dashboard.confirm")}
          </Button>
        </div>
      </dialog>
    </div>
  );
}
