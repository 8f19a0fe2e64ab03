import { LabelledDates } from "@/components/i18n/LabelledDates";
import { notFound } from "next/navigation";
import { DossierShell } from "@/components/dossier/DossierShell";
import { PartnersPanel } from "@/components/solicitation/PartnersPanel";
import { PartnerDocuments } from "@/components/solicitation/PartnerDocuments";
import { DossierFields } from "@/components/template/DossierFields";
import { StatusControl } from "@/components/template/StatusControl";
import { TemplateChoice } from "@/components/template/TemplateChoice";
import { documentsWithPartnerFlag, partnerChoices } from "@/server/domain/document/visibility";
import { requireActor } from "@/server/auth/guard";
import { getDossierShell } from "@/server/domain/dossier/service";
import { canManageSolicitations } from "@/server/domain/solicitation/policy";
import { partnerCandidates } from "@/server/domain/solicitation/candidates";
import { solicitationsForPanel } from "@/server/domain/solicitation/service";
import { dossierFieldsForAdvisors, dossierStatuses, templatesOf } from "@/server/domain/template/service";

export default async function DossierPartnersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/partners`);
  // The shell (and its seq) first: anything newer than what the tab reads next arrives live.
  const page = await getDossierShell(actor, id);
  // The Partners tab is the advisor side's (S1, A4): the applicant side gets the same 404 as a stranger.
  if (!page || !canManageSolicitations(page.access)) notFound();
  const now = new Date();
  const [solicitations, statuses, documents, templates, fields, candidates, partners] = await Promise.all([
    solicitationsForPanel(actor, page.access, now),
    dossierStatuses(id),
    documentsWithPartnerFlag(page.access),
    templatesOf(page.access.organizationId),
    dossierFieldsForAdvisors(id),
    partnerCandidates(actor, page.access),
    partnerChoices(page.access),
  ]);
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="partners">
      <div className="space-y-6">
        {/* grid-cols-1: on a phone the column is the screen's width, not its widest select's. */}
        <div className="grid grid-cols-1 gap-4 md:grid-cols-[1fr_auto] md:items-end">
          <StatusControl dossierId={id} current={statuses.current} statuses={statuses.statuses} locale={actor.locale} />
          {templates.length ? (
            <TemplateChoice
              dossierId={id}
              current={statuses.templateId}
              templates={templates.map((tpl) => ({ id: tpl.id, name: tpl.name }))}
              locale={actor.locale}
            />
          ) : null}
        </div>
        <LabelledDates locale={actor.locale} styles={["medium"]} dayStyles={["mediumDate"]} of={[solicitations]}>
          <PartnersPanel
            dossierId={id}
            initial={solicitations}
            locale={actor.locale}
            today={now.toISOString().slice(0, 10)}
            candidates={candidates!}
          />
        </LabelledDates>
        <PartnerDocuments dossierId={id} initial={documents} partners={partners} locale={actor.locale} />
        <DossierFields dossierId={id} initial={fields} locale={actor.locale} />
      </div>
    </DossierShell>
  );
}
