import { notFound } from "next/navigation";
import { ContactDossiers } from "@/components/billing/ContactDossiers";
import { Badge } from "@/components/ui/Badge";
import { requireActor } from "@/server/auth/guard";
import { getContactCard } from "@/server/domain/contact/service";
import { t } from "@/server/i18n";

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/contacts/${encodeURIComponent(id)}`);
  const card = id.length <= 64 ? await getContactCard(actor, id) : null;
  if (!card) notFound();
  const locale = actor.locale;
  return (
    <div className="space-y-6">
      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-600">{t(locale, "billing.contactCard")}</p>
        <h1 className="mt-1 flex items-center gap-2 text-2xl font-semibold">
          {card.name}{" "}
          <Badge>
            {t(locale, card.kind === "company" ? "billing.contactKind.company" : "billing.contactKind.person")}
          </Badge>
        </h1>
        <dl className="mt-3 grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
          {card.email && (
            <>
              <dt className="text-slate-600">{t(locale, "billing.email")}</dt>
              <dd>{card.email}</dd>
            </>
          )}
          {card.phone && (
            <>
              <dt className="text-slate-600">{t(locale, "billing.phone")}</dt>
              <dd>{card.phone}</dd>
            </>
          )}
          {card.address && (
            <>
              <dt className="text-slate-600">{t(locale, "billing.address")}</dt>
              <dd className="whitespace-pre-line">{card.address}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">{t(locale, "billing.contactDossiers")}</h2>
        <ContactDossiers card={card} locale={locale} />
      </section>
    </div>
  );
}
