import { LabelledDates } from "@/components/i18n/LabelledDates";
import { notFound } from "next/navigation";
import { DossierShell } from "@/components/dossier/DossierShell";
import { describeEvent } from "@/components/timeline/describe";
import { Timeline } from "@/components/timeline/Timeline";
import { requireActor } from "@/server/auth/guard";
import { getDossierShell } from "@/server/domain/dossier/service";
import { listTimeline } from "@/server/domain/timeline/service";

export default async function DossierTimelinePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/timeline`);
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  const entries = (await listTimeline(page.access)).map((e) => ({
    ...e,
    view: describeEvent(actor.locale, e, e.actorName),
  }));
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="timeline">
      <LabelledDates locale={actor.locale} styles={["medium"]} of={[entries]}>
        <Timeline initialEntries={entries} locale={actor.locale} />
      </LabelledDates>
    </DossierShell>
  );
}
