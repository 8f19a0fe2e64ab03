"use client";
// The dossier's Billing tab (K1–K8), advisor side only: parties with the Active/Inactive switch,
// activities with filters and totals, allocation, proformas and invoices. Server-rendered data comes
// as props; any billing event of the dossier (from anyone) re-renders it (router.refresh()).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { BILLING_EVENTS } from "@/server/domain/billing/events";
import type { BillingView } from "@/server/domain/billing/service";
import type { ContactView } from "@/server/domain/contact/service";
import { t, type Locale } from "@/server/i18n";
import { useAmounts } from "@/components/i18n/Dates";
import { useDossierEvent } from "../realtime/DossierLive";
import { Button } from "../ui/Button";
import { ActivityForm } from "./ActivityForm";
import { ActivityList } from "./ActivityList";
import { AllocationForm } from "./AllocationForm";
import { PartiesPanel } from "./PartiesPanel";
import { createProformaAction } from "@/server/domain/billing/actions";

type Panel = "activity" | "allocation" | null;

export function BillingTab({
  billing,
  contacts,
  locale,
  openActivity = false,
  partiesStep = false,
}: {
  billing: BillingView;
  contacts: ContactView[];
  locale: Locale;
  /** from the quick-add menu */
  openActivity?: boolean;
  /** dossier creation's step 2 – Parties (K1) */
  partiesStep?: boolean;
}) {
  const router = useRouter();
  const cents = useAmounts(locale);
  const [panel, setPanel] = useState<Panel>(openActivity ? "activity" : null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDossierEvent((e) => {
    if (BILLING_EVENTS.includes(e.type)) router.refresh();
  });
  const activeClients = billing.parties.filter((p) => p.role === "client" && p.active);
  const canBill = billing.canBill;
  const hintId = "billing-no-active-client";

  async function proforma() {
    setBusy(true);
    setError(null);
    const res = await createProformaAction({ dossierId: billing.dossierId });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    window.location.href = `/proformas/${res.value.proformaId}`;
  }

  return (
    <div className="space-y-6" data-testid="billing-tab">
      {partiesStep && (
        <ol className="flex gap-4 text-sm" aria-label={t(locale, "billing.steps")}>
          <li className="text-slate-500">{t(locale, "billing.step1")}</li>
          <li aria-current="step" className="font-semibold text-brand-700">
            {t(locale, "billing.step2")}
          </li>
        </ol>
      )}
      <PartiesPanel billing={billing} contacts={contacts} locale={locale} initialOpen={partiesStep} />

      <section aria-labelledby="billing-activities" className="rounded-xl border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="billing-activities" className="text-lg font-semibold">
            {t(locale, "billing.activities")}
          </h2>
          <div className="flex flex-wrap gap-2">
            <Button
              disabled={!canBill}
              aria-describedby={canBill ? undefined : hintId}
              onClick={() => setPanel(panel === "activity" ? null : "activity")}
            >
              {t(locale, "billing.newActivity")}
            </Button>
            <Button
              variant="secondary"
              disabled={!canBill}
              aria-describedby={canBill ? undefined : hintId}
              onClick={() => setPanel(panel === "allocation" ? null : "allocation")}
            >
              {t(locale, "billing.allocation")}
            </Button>
            <Button
              variant="secondary"
              busy={busy}
              disabled={!canBill}
              aria-describedby={canBill ? undefined : hintId}
              onClick={proforma}
            >
              {t(locale, "billing.proforma")}
            </Button>
          </div>
        </div>
        {!canBill && (
          <p
            id={hintId}
            data-testid="no-active-client"
            className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900"
          >
            {t(locale, "billing.noActiveClientHint")}
          </p>
        )}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
        {canBill && panel === "activity" && (
          <ActivityForm
            dossierId={billing.dossierId}
            clients={activeClients}
            locale={locale}
            onDone={() => {
              setPanel(null);
              router.refresh();
            }}
          />
        )}
        {canBill && panel === "allocation" && (
          <AllocationForm
            dossierId={billing.dossierId}
            clients={activeClients}
            locale={locale}
            onDone={() => {
              setPanel(null);
              router.refresh();
            }}
          />
        )}
        <ActivityList billing={billing} locale={locale} />
      </section>

      <section className="grid gap-4 md:grid-cols-2">
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">{t(locale, "billing.proformas")}</h2>
          {billing.proformas.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t(locale, "billing.noProformas")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {billing.proformas.map((p) => (
                <li key={p.id} className="flex items-center justify-between py-2">
                  <a className="text-brand-700 hover:underline" href={`/proformas/${p.id}`}>
                    {t(locale, "billing.proformaTitle")} · {p.createdAt.slice(0, 10)}
                  </a>
                  <span>
                    {t(locale, p.status === "draft" ? "billing.proformaDraft" : "billing.proformaValidated")} ·{" "}
                    {cents(p.totalCents)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">{t(locale, "billing.invoices")}</h2>
          {billing.invoices.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t(locale, "billing.noInvoices")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {billing.invoices.map((i) => (
                <li key={i.id} className="flex items-center justify-between py-2">
                  <a className="text-brand-700 hover:underline" href={`/invoices/${i.id}`}>
                    {t(locale, i.kind === "credit_note" ? "billing.creditNote" : "billing.invoice", {
                      number: i.number,
                    })}{" "}
                    · {i.clientName}
                  </a>
                  <span className={i.cancelled ? "text-slate-400 line-through" : ""}>{cents(i.totalCents)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </div>
  );
}
