import { LabelledDates } from "@/components/i18n/LabelledDates";
import { notFound } from "next/navigation";
import { DocumentsPanel } from "@/components/document/DocumentsPanel";
import { sizeLabels } from "@/components/document/size";
import { DossierShell } from "@/components/dossier/DossierShell";
import { requireActor } from "@/server/auth/guard";
import { listDocuments } from "@/server/domain/document/service";
import { partnerChoices } from "@/server/domain/document/visibility";
import { getDossierShell } from "@/server/domain/dossier/service";
import { env } from "@/server/env";

export default async function DossierDocumentsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/documents`);
  // The shell (and its seq) first: anything newer than what the tab reads next arrives live.
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  const [documents, partners] = await Promise.all([listDocuments(page.access), partnerChoices(page.access)]);
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="documents">
      <LabelledDates locale={actor.locale} styles={["medium"]} of={[documents]}>
        <DocumentsPanel
          dossierId={id}
          initial={documents}
          maxBytes={env().DOCUMENT_MAX_BYTES}
          locale={actor.locale}
          sizes={sizeLabels(actor.locale, documents)}
          partners={page.access.side === "advisor" && !page.access.roles.includes("readonly") ? partners : null}
        />
      </LabelledDates>
    </DossierShell>
  );
}
