// S7, A5: a partner downloads a document marked visible to partner, while they may see the dossier.
import { currentActor } from "@/server/auth/session";
import { partnerDocument } from "@/server/domain/partner/service";
import { attachmentResponse } from "@/server/http/routes";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; documentId: string }> }) {
  const { id, documentId } = await params;
  const actor = await currentActor();
  return attachmentResponse(actor ? await partnerDocument(actor, id, documentId) : null);
}
