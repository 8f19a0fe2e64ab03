// The invoice (or credit note) as a PDF, through the billing policy: 404 for anyone who may not see it (A1).
import { currentActor } from "@/server/auth/session";
import { getInvoice } from "@/server/domain/billing/service";
import { attachmentResponse } from "@/server/http/routes";
import { invoiceDocument, renderBillingPdf } from "@/server/pdf/billing";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  const invoice = actor && id.length <= 64 ? await getInvoice(actor, id) : null;
  if (!actor || !invoice) return attachmentResponse(null);
  const bytes = await renderBillingPdf(invoiceDocument(invoice, actor.locale), actor.locale);
  return attachmentResponse({ bytes, mimeType: "application/pdf", name: `facture-${invoice.number}.pdf` });
}
