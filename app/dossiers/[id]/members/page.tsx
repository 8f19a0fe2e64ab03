import { notFound } from "next/navigation";
import { DossierShell } from "@/components/dossier/DossierShell";
import { LeaveDossier } from "@/components/membership/LeaveDossier";
import { MembersPanel } from "@/components/membership/MembersPanel";
import { requireActor } from "@/server/auth/guard";
import { getDossierShell } from "@/server/domain/dossier/service";
import { leaveProblem } from "@/server/domain/membership/policy";
import { membersPanel } from "@/server/domain/membership/service";

export default async function DossierMembersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/members`);
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  const panel = await membersPanel(actor, id);
  if (!panel) notFound();
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="members">
      <MembersPanel
        dossierId={id}
        members={panel.members}
        canManage={panel.canManage}
        me={actor.userId}
        locale={actor.locale}
      />
      {/* Leaving (or, for the referent and the holder, why not) is also here, where members are managed. */}
      <section className="mt-6 rounded-xl border border-slate-200 bg-white p-4">
        <LeaveDossier dossierId={id} problem={leaveProblem(page.access)} locale={actor.locale} />
      </section>
    </DossierShell>
  );
}
