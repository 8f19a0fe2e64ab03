import { LabelledDates } from "@/components/i18n/LabelledDates";
import { notFound } from "next/navigation";
import { DossierShell } from "@/components/dossier/DossierShell";
import { LeaveDossier } from "@/components/membership/LeaveDossier";
import { PauseSettings } from "@/components/pause/PauseSettings";
import { NextReminder } from "@/components/reminder/NextReminder";
import { HandReferent } from "@/components/transfer/HandReferent";
import { TransferDialog } from "@/components/transfer/TransferDialog";
import { requireActor } from "@/server/auth/guard";
import { getDossierShell, listMembers } from "@/server/domain/dossier/service";
import { transferDialogData } from "@/server/domain/transfer/service";
import { leaveProblem } from "@/server/domain/membership/policy";
import { pauseState } from "@/server/domain/pause/service";
import { reminderPlan } from "@/server/domain/reminder/service";
import { t } from "@/server/i18n";

export default async function DossierSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/settings`);
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  const isReferent = page.access.roles.includes("referent");
  const [state, reminders, transfer, members] = await Promise.all([
    pauseState(page.access),
    reminderPlan(page.access),
    transferDialogData(actor, id),
    isReferent ? listMembers(page.access) : Promise.resolve([]),
  ]);
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="settings">
      <h2 className="sr-only">{t(actor.locale, "settings.title")}</h2>
      {/* P10: the next planned reminder (none while paused); the pause section stays at the bottom (P2). */}
      <section aria-labelledby="reminder-title" className="mb-6 rounded-xl border border-slate-200 bg-white p-5">
        <h3 id="reminder-title" className="text-lg font-semibold">
          {t(actor.locale, "reminder.settings.title")}
        </h3>
        <LabelledDates locale={actor.locale} styles={["longDate"]} of={[reminders]}>
          <NextReminder initial={reminders} locale={actor.locale} />
        </LabelledDates>
      </section>
      {/* T2, T4: the holder (or staff) transfers the dossier. */}
      {transfer ? (
        <section aria-labelledby="transfer-title" className="mb-6 rounded-xl border border-slate-200 bg-white p-5">
          <h3 id="transfer-title" className="text-lg font-semibold">
            {t(actor.locale, "transfer.section")}
          </h3>
          <p className="mt-1 mb-3 text-sm text-slate-600">{t(actor.locale, "transfer.intro")}</p>
          <LabelledDates locale={actor.locale} styles={["medium"]} of={[transfer]}>
            <TransferDialog dossierId={id} data={transfer} locale={actor.locale} />
          </LabelledDates>
        </section>
      ) : null}
      {isReferent ? (
        <section aria-labelledby="referent-title" className="mb-6 rounded-xl border border-slate-200 bg-white p-5">
          <h3 id="referent-title" className="text-lg font-semibold">
            {t(actor.locale, "transfer.referent.section")}
          </h3>
          <p className="mt-1 mb-3 text-sm text-slate-600">{t(actor.locale, "transfer.referent.intro")}</p>
          <HandReferent
            dossierId={id}
            applicants={members
              .filter((m) => m.role === "applicant")
              .map((m) => ({ id: m.user.id, name: m.user.name ?? "" }))}
            locale={actor.locale}
          />
        </section>
      ) : null}
      {/* P2: the pause section sits at the bottom of the Settings tab; other members learn how to leave instead. */}
      <section aria-labelledby="pause-title" className="rounded-xl border border-slate-200 bg-white p-5">
        <h3 id="pause-title" className="text-lg font-semibold">
          {t(actor.locale, "pause.section")}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t(actor.locale, "pause.intro")}</p>
        {state.canManage ? (
          <LabelledDates locale={actor.locale} styles={["longDate"]} of={[state]}>
            <PauseSettings dossierId={page.shell.id} initial={state} locale={actor.locale} />
          </LabelledDates>
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
