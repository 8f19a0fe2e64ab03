import { notFound } from "next/navigation";
import { BillingTab } from "@/components/billing/BillingTab";
import { activityTotals } from "@/components/billing/totals";
import { LabelledDates } from "@/components/i18n/LabelledDates";
import { DossierShell } from "@/components/dossier/DossierShell";
import { requireActor } from "@/server/auth/guard";
import { getBilling } from "@/server/domain/billing/service";
import { listContacts } from "@/server/domain/contact/service";
import { getDossierShell } from "@/server/domain/dossier/service";
import { centsIn } from "@/server/i18n/money";

export default async function DossierBillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ new?: string; step?: string }>;
}) {
  const { id } = await params;
  // The quick-add menu lands here with ?new=activity: the form is open.
  const query = await searchParams;
  const openActivity = query.new === "activity";
  // Dossier creation's second step (K1) lands here with ?step=parties: the parties dialog is open.
  const partiesStep = query.step === "parties";
  const actor = await requireActor(`/dossiers/${encodeURIComponent(id)}/billing`);
  const page = await getDossierShell(actor, id);
  if (!page) notFound();
  // A1, A4: billing is advisor-side only; anyone else gets the same 404 as for a dossier they cannot see.
  const billing = await getBilling(actor, id);
  if (!billing) notFound();
  const contacts = await listContacts(actor, billing.organizationId);
  return (
    <DossierShell dossier={page.shell} locale={actor.locale} active="billing">
      <LabelledDates
        locale={actor.locale}
        styles={[]}
        dayStyles={["mediumDate"]}
        amounts={[...centsIn(billing), ...Object.values(activityTotals(billing.activities, ""))]}
        of={[billing]}
      >
        <BillingTab
          billing={billing}
          contacts={contacts}
          locale={actor.locale}
          openActivity={openActivity}
          partiesStep={partiesStep}
        />
      </LabelledDates>
    </DossierShell>
  );
}
