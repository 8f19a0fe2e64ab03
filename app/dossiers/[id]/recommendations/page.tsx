import { LabelledDates } from "@/components/i18n/LabelledDates";
import { notFound } from "next/navigation";
import { DossierShell } from "@/components/dossier/DossierShell";
import { RecommendationBoard } from "@/components/recommendation/RecommendationBoard";
import { requireActor } from "@/server/auth/guard";
import { listDocuments } from "@/server/domain/document/service";
import { allows } from "@/server/domain/dossier/policy";
import { getDossierShell } from "@/server/domain/dossier/service";
import { listRecommendations } from "@/server/domain/recommendation/service";
import { env } from "@/server/env";

export default async function DossierRecommendationsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/recommendations`);
  // The shell (and its seq) first: anything newer than what the tab reads next arrives live.
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  const canEdit = allows(page.access, "recommendation.create");
  const [recommendations, documents] = await Promise.all([
    listRecommendations(page.access),
    canEdit ? listDocuments(page.access) : Promise.resolve([]),
  ]);
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="recommendations">
      <LabelledDates locale={actor.locale} styles={["medium"]} of={[recommendations]}>
        <RecommendationBoard
          dossierId={id}
          initial={recommendations}
          documents={documents}
          maxBytes={env().DOCUMENT_MAX_BYTES}
          canEdit={canEdit}
          canChangeStatus={allows(page.access, "recommendation.status")}
          locale={actor.locale}
        />
      </LabelledDates>
    </DossierShell>
  );
}
