import { notFound } from "next/navigation";
import { BillingDocumentView } from "@/components/billing/BillingDocumentView";
import { DocumentActions } from "@/components/billing/DocumentActions";
import { requireActor } from "@/server/auth/guard";
import { billingBackHref, getInvoice } from "@/server/domain/billing/service";
import { invoiceDocument } from "@/server/pdf/billing";

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/invoices/${encodeURIComponent(id)}`);
  const invoice = await getInvoice(actor, id);
  if (!invoice) notFound();
  return (
    <>
      <DocumentActions
        locale={actor.locale}
        pdfHref={`/invoices/${invoice.id}/pdf`}
        backHref={await billingBackHref(actor, invoice.dossierId)}
        invoiceId={invoice.kind === "invoice" && !invoice.cancelled ? invoice.id : undefined}
      />
      <BillingDocumentView doc={invoiceDocument(invoice, actor.locale)} locale={actor.locale} />
    </>
  );
}
