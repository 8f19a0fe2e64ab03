import { notFound } from "next/navigation";
import { DossierShell } from "@/components/dossier/DossierShell";
import { NotesPanel } from "@/components/note/NotesPanel";
import { RefreshOn } from "@/components/realtime/RefreshOn";
import { requireActor } from "@/server/auth/guard";
import { getDossierShell } from "@/server/domain/dossier/service";
import { notesTab } from "@/server/domain/note/service";

// A4: the Notes tab is the advisor side's; the applicant side (and a read-only copy) gets 404.
export default async function DossierNotesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/notes`);
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  const tab = await notesTab(actor, page.access);
  if (!tab) notFound();
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="notes">
      <RefreshOn prefix="note." me={actor.userId} />
      <RefreshOn prefix="appointment." me={actor.userId} />
      <RefreshOn prefix="task." me={actor.userId} />
      <RefreshOn prefix="document." me={actor.userId} />
      <NotesPanel dossierId={id} tab={tab} locale={actor.locale} />
    </DossierShell>
  );
}
