import { notFound } from "next/navigation";
import { VatRateForm } from "@/components/billing/VatRateForm";
import { requireActor } from "@/server/auth/guard";
import { vatSettings } from "@/server/domain/billing/service";
import { t } from "@/server/i18n";
import { formatRate } from "@/server/i18n/money";

export default async function AdminBillingPage() {
  const actor = await requireActor("/admin/billing");
  const organizations = await vatSettings(actor);
  // Admins only; anyone else gets the same 404 as for a page that does not exist (A1).
  if (organizations.length === 0) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t(actor.locale, "billing.vatTitle")}</h1>
      <p className="text-sm text-slate-600">{t(actor.locale, "billing.vatIntro")}</p>
      {organizations.map((o) => (
        <section key={o.id} className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="mb-3 text-lg font-semibold">{o.name}</h2>
          <VatRateForm
            organizationId={o.id}
            rate={formatRate(actor.locale, o.vatRateBasisPoints)}
            locale={actor.locale}
          />
        </section>
      ))}
    </div>
  );
}
