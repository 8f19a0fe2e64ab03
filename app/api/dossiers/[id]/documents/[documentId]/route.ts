// Download of one document, only through the policy (404 otherwise), always as an attachment.
import { currentActor } from "@/server/auth/session";
import { documentForDownload } from "@/server/domain/document/service";
import { attachmentResponse } from "@/server/http/routes";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; documentId: string }> }) {
  const { id, documentId } = await params;
  const actor = await currentActor();
  return attachmentResponse(
    actor && id.length <= 64 && documentId.length <= 64 ? await documentForDownload(actor, id, documentId) : null,
  );
}
