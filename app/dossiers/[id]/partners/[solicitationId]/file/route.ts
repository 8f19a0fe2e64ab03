// Download of an opinion's file by the advisor side, through the solicitation policy (S11); 404 otherwise.
import { currentActor } from "@/server/auth/session";
import { readFile } from "@/server/domain/document/storage";
import { opinionFileForAdvisor } from "@/server/domain/solicitation/service";
import { attachmentResponse } from "@/server/http/routes";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; solicitationId: string }> }) {
  const { id, solicitationId } = await params;
  const actor = await currentActor();
  const file =
    actor && id.length <= 64 && solicitationId.length <= 64
      ? await opinionFileForAdvisor(actor, id, solicitationId)
      : null;
  const bytes = file ? await readFile(file.key) : null;
  return attachmentResponse(file && bytes ? { bytes, mimeType: file.mimeType, name: file.name } : null);
}
