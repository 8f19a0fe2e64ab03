// S8 (issue 16 item 4): the dossier's form: applicant-view fields filled by the applicant side,
// internal-view fields by the advisor side, live.
import { notFound } from "next/navigation";
import { DossierShell } from "@/components/dossier/DossierShell";
import { DossierForm } from "@/components/template/DossierForm";
import { requireActor } from "@/server/auth/guard";
import { getDossierShell } from "@/server/domain/dossier/service";
import { onBehalfEntry } from "@/server/domain/partner/on-behalf";
import { dossierForm } from "@/server/domain/template/form";

export default async function DossierFormPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/form`);
  // The shell (and its seq) first: anything newer than what the tab reads next arrives live.
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  const [fields, onBehalf] = await Promise.all([dossierForm(page.access), onBehalfEntry(id)]);
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="form">
      <DossierForm dossierId={id} initial={fields} onBehalf={onBehalf} locale={actor.locale} />
    </DossierShell>
  );
}
