import { notFound } from "next/navigation";
import { NewContactForm } from "@/components/billing/NewContactForm";
import { Badge } from "@/components/ui/Badge";
import { requireActor } from "@/server/auth/guard";
import { contactsByOrganization } from "@/server/domain/contact/service";
import { t } from "@/server/i18n";

export default async function ContactsPage() {
  const actor = await requireActor("/contacts");
  const groups = await contactsByOrganization(actor);
  // Contacts belong to organizations: applicants and partners have none to see.
  if (groups.length === 0) notFound();
  const locale = actor.locale;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t(locale, "billing.contacts")}</h1>
      {groups.map((g) => (
        <section key={g.organization.id} className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">{g.organization.name}</h2>
          {g.contacts.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t(locale, "billing.noContacts")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {g.contacts.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 py-2">
                  <a className="text-brand-700 hover:underline" href={`/contacts/${c.id}`}>
                    {c.name}
                  </a>
                  <Badge>
                    {t(locale, c.kind === "company" ? "billing.contactKind.company" : "billing.contactKind.person")}
                  </Badge>
                  {/* On a phone a long address takes its own line, and breaks rather than widen the page. */}
                  {c.email && <span className="min-w-0 break-all text-slate-600">{c.email}</span>}
                </li>
              ))}
            </ul>
          )}
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">
              {t(locale, "billing.newContact")}
            </summary>
            <div className="mt-3">
              <NewContactForm organizationId={g.organization.id} locale={locale} />
            </div>
          </details>
        </section>
      ))}
    </div>
  );
}
