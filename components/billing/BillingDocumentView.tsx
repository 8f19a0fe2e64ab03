// A proforma or an invoice as a page that prints cleanly: the same content as its PDF.
import type { BillingDocument } from "@/server/pdf/billing";
import { t, type Locale } from "@/server/i18n";
import { formatDay } from "@/server/i18n/format";
import { formatCents, formatRate } from "@/server/i18n/money";

function Totals({
  locale,
  rate,
  sums,
  testId,
}: {
  locale: Locale;
  rate: number;
  sums: { subtotalCents: number; vatCents: number; totalCents: number };
  testId?: string;
}) {
  return (
    <dl className="ml-auto mt-2 w-72 text-sm" data-testid={testId}>
      <div className="flex justify-between">
        <dt>{t(locale, "billing.subtotal")}</dt>
        <dd>{formatCents(locale, sums.subtotalCents)}</dd>
      </div>
      <div className="flex justify-between">
        <dt>{t(locale, "billing.vat", { rate: formatRate(locale, rate) })}</dt>
        <dd>{formatCents(locale, sums.vatCents)}</dd>
      </div>
      <div className="flex justify-between border-t border-slate-300 pt-1 font-semibold">
        <dt>{t(locale, "billing.totalTtc")}</dt>
        <dd>{formatCents(locale, sums.totalCents)}</dd>
      </div>
    </dl>
  );
}

export function BillingDocumentView({ doc, locale }: { doc: BillingDocument; locale: Locale }) {
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-6 print:border-0 print:p-0">
      <p className="text-lg font-semibold">{doc.organizationName}</p>
      <h1 className="mt-2 text-2xl font-semibold">{doc.title}</h1>
      {doc.subtitle.map((s) => (
        <p key={s} className="text-sm text-slate-600">
          {s}
        </p>
      ))}
      {doc.clients.map((c) => (
        <section key={c.partyId} className="mt-6 break-inside-avoid">
          <h2 className="text-lg font-semibold">{c.clientName}</h2>
          {c.clientAddress && <p className="text-sm whitespace-pre-line text-slate-600">{c.clientAddress}</p>}
          <table className="mt-2 w-full text-sm">
            <thead className="border-b border-slate-300 text-left text-slate-600">
              <tr>
                <th className="py-1 pr-2">{t(locale, "billing.col.date")}</th>
                <th className="py-1 pr-2">{t(locale, "billing.col.description")}</th>
                <th className="py-1 text-right">{t(locale, "billing.col.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {c.lines.map((l, i) => (
                <tr key={`${l.activityId}-${i}`} className="border-b border-slate-100">
                  <td className="py-1 pr-2 whitespace-nowrap">{formatDay(locale, l.date)}</td>
                  <td className="py-1 pr-2">{l.description}</td>
                  <td className="py-1 text-right whitespace-nowrap">{formatCents(locale, l.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Totals locale={locale} rate={doc.vatRateBasisPoints} sums={c} testId={`totals-${c.partyId}`} />
        </section>
      ))}
      {doc.totals && (
        <section className="mt-6 border-t-2 border-slate-400 pt-2">
          <h2 className="text-lg font-semibold">{t(locale, "billing.grandTotal")}</h2>
          <Totals locale={locale} rate={doc.vatRateBasisPoints} sums={doc.totals} testId="totals-all" />
        </section>
      )}
    </article>
  );
}
