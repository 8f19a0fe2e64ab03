// P11: the automatic pause job's last run, for staff (render it on the dashboard). A run older than two
// hours, a failed run or no run at all is shown as a warning, so a job that silently stopped is noticed.
// The page gives the run (lastAutoPauseRun, staff only).
import type { AutoPauseRunView } from "@/server/domain/pause/service";
import { t, type Locale } from "@/server/i18n";
import { dateFormat } from "@/server/i18n/format";

export function AutoPauseStatus({ run, locale }: { run: AutoPauseRunView | null; locale: Locale }) {
  const fmt = dateFormat(locale, "medium");
  const warn = !run || run.stale || run.failed;
  return (
    <section
      aria-labelledby="auto-pause-title"
      data-testid="auto-pause-status"
      className={`rounded-lg border px-4 py-3 text-sm ${warn ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-slate-700"}`}
    >
      <h2 id="auto-pause-title" className="font-medium">
        {t(locale, "pause.autoRun.title")}
      </h2>
      {run ? (
        <p>
          {t(locale, "pause.autoRun.last", { date: fmt.format(new Date(run.startedAt)), count: run.paused })}
          {run.failed ? ` ${t(locale, "pause.autoRun.failed")}` : ""}
          {run.stale ? ` ${t(locale, "pause.autoRun.stale")}` : ""}
        </p>
      ) : (
        <p>{t(locale, "pause.autoRun.never")}</p>
      )}
    </section>
  );
}
