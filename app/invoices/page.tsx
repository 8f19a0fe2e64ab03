// T4: the practitioner's own proformas and invoices, on every dossier. Invoices never go along with a
// transfer: the sender reaches them here, with or without access to the dossier.
import { requireActor } from "@/server/auth/guard";
import { ownBillingDocuments } from "@/server/domain/billing/service";
import { t } from "@/server/i18n";
import { dateFormat } from "@/server/i18n/format";
import { formatCents } from "@/server/i18n/money";

export default async function OwnInvoicesPage() {
  const actor = await requireActor("/invoices");
  const docs = await ownBillingDocuments(actor);
  const locale = actor.locale;
  const day = dateFormat(locale, "longDate");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t(locale, "billing.own.title")}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{t(locale, "billing.own.intro")}</p>
      </div>
      {docs.length === 0 ? (
        <p className="text-sm text-slate-600">{t(locale, "billing.own.none")}</p>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
          data-testid="own-invoices"
        >
          {docs.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
              <a
                className="font-medium text-brand-700 hover:underline"
                href={d.kind === "proforma" ? `/proformas/${d.id}` : `/invoices/${d.id}`}
              >
                {d.kind === "proforma"
                  ? `${t(locale, "billing.proforma")}${d.open ? ` · ${t(locale, "billing.proformaDraft")}` : ""}`
                  : t(locale, d.kind === "credit_note" ? "billing.creditNote" : "billing.invoice", {
                      number: d.number ?? 0,
                    })}
              </a>
              <span className="min-w-0 flex-1 text-slate-700">
                {d.dossierTitle}
                {d.clientName ? ` · ${d.clientName}` : ""}
              </span>
              <span className="text-slate-600">{day.format(new Date(d.at))}</span>
              <span className="font-medium">{formatCents(locale, d.totalCents)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
