import { notFound } from "next/navigation";
import { DossierShell } from "@/components/dossier/DossierShell";
import { LeaveDossier } from "@/components/membership/LeaveDossier";
import { PauseSettings } from "@/components/pause/PauseSettings";
import { NextReminder } from "@/components/reminder/NextReminder";
import { requireActor } from "@/server/auth/guard";
import { getDossierShell } from "@/server/domain/dossier/service";
import { leaveProblem } from "@/server/domain/membership/policy";
import { pauseState } from "@/server/domain/pause/service";
import { reminderPlan } from "@/server/domain/reminder/service";
import { t } from "@/server/i18n";

export default async function DossierSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/settings`);
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  const [state, reminders] = await Promise.all([pauseState(page.access), reminderPlan(page.access)]);
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="settings">
      <h2 className="sr-only">{t(actor.locale, "settings.title")}</h2>
      {/* P10: the next planned reminder (none while paused); the pause section stays at the bottom (P2). */}
      <section aria-labelledby="reminder-title" className="mb-6 rounded-xl border border-slate-200 bg-white p-5">
        <h3 id="reminder-title" className="text-lg font-semibold">
          {t(actor.locale, "reminder.settings.title")}
        </h3>
        <NextReminder initial={reminders} locale={actor.locale} />
      </section>
      {/* P2: the pause section sits at the bottom of the Settings tab; other members learn how to leave instead. */}
      <section aria-labelledby="pause-title" className="rounded-xl border border-slate-200 bg-white p-5">
        <h3 id="pause-title" className="text-lg font-semibold">
          {t(actor.locale, "pause.section")}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t(actor.locale, "pause.intro")}</p>
        {state.canManage ? (
          <PauseSettings dossierId={page.shell.id} initial={state} locale={actor.locale} />
        ) : (
          <div className="mt-4 space-y-3">
            <p className="text-sm text-slate-700" data-testid="pause-others">
              {t(actor.locale, "pause.others")}
            </p>
            <LeaveDossier dossierId={page.shell.id} problem={leaveProblem(page.access)} locale={actor.locale} />
          </div>
        )}
      </section>
    </DossierShell>
  );
}
