// The proforma as a PDF, through the billing policy: 404 for anyone who may not see it (A1).
import { currentActor } from "@/server/auth/session";
import { getProforma } from "@/server/domain/billing/service";
import { attachmentResponse } from "@/server/http/routes";
import { proformaDocument, renderBillingPdf } from "@/server/pdf/billing";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  const proforma = actor && id.length <= 64 ? await getProforma(actor, id) : null;
  if (!actor || !proforma) return attachmentResponse(null);
  const bytes = await renderBillingPdf(proformaDocument(proforma, actor.locale), actor.locale);
  return attachmentResponse({ bytes, mimeType: "application/pdf", name: `proforma-${proforma.id}.pdf` });
}
