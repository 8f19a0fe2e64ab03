import { notFound } from "next/navigation";
import { NewDossierForm } from "@/components/membership/NewDossierForm";
import { requireActor } from "@/server/auth/guard";
import { creatableOrganizations } from "@/server/domain/membership/service";
import { t } from "@/server/i18n";

export default async function NewDossierPage() {
  const actor = await requireActor("/dossiers/new");
  const organizations = await creatableOrganizations(actor);
  // Only advisors and staff (organization members) create dossiers.
  if (organizations.length === 0) notFound();
  return (
    <div className="space-y-4">
      <a href="/dashboard" className="text-sm text-brand-700 hover:underline">
        ← {t(actor.locale, "dossier.back")}
      </a>
      <h1 className="text-2xl font-semibold">{t(actor.locale, "membership.create.title")}</h1>
      <NewDossierForm organizations={organizations} locale={actor.locale} />
    </div>
  );
}
