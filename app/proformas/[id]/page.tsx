import { notFound } from "next/navigation";
import { BillingDocumentView } from "@/components/billing/BillingDocumentView";
import { DocumentActions } from "@/components/billing/DocumentActions";
import { requireActor } from "@/server/auth/guard";
import { billingBackHref, getProforma } from "@/server/domain/billing/service";
import { t } from "@/server/i18n";
import { proformaDocument } from "@/server/pdf/billing";

export default async function ProformaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/proformas/${encodeURIComponent(id)}`);
  const proforma = await getProforma(actor, id);
  if (!proforma) notFound();
  return (
    <>
      <DocumentActions
        locale={actor.locale}
        pdfHref={`/proformas/${proforma.id}/pdf`}
        backHref={await billingBackHref(actor, proforma.dossierId)}
        proformaId={proforma.status === "draft" ? proforma.id : undefined}
      />
      {proforma.invoices.length > 0 && (
        <p className="mb-4 text-sm print:hidden">
          {t(actor.locale, "common.colon", { label: t(actor.locale, "billing.invoicesOfProforma") })}{" "}
          {proforma.invoices.map((i) => (
            <a key={i.id} className="mr-2 text-brand-700 hover:underline" href={`/invoices/${i.id}`}>
              {t(actor.locale, "billing.invoice", { number: i.number })}
            </a>
          ))}
        </p>
      )}
      <BillingDocumentView doc={proformaDocument(proforma, actor.locale)} locale={actor.locale} />
    </>
  );
}
