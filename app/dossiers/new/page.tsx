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
      {/* K1: creation is in steps; the second, "2 – Parties", opens on the new dossier. */}
      <ol className="flex gap-4 text-sm" aria-label={t(actor.locale, "billing.steps")}>
        <li aria-current="step" className="font-semibold text-brand-700">
          {t(actor.locale, "billing.step1")}
        </li>
        <li className="text-slate-500">{t(actor.locale, "billing.step2")}</li>
      </ol>
      <NewDossierForm organizations={organizations} locale={actor.locale} />
    </div>
  );
}
