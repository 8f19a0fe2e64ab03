// Download of an opinion's file by the advisor side, through the solicitation policy (S11); 404 otherwise.
import { currentActor } from "@/server/auth/session";
import { contentDisposition } from "@/server/domain/document/service";
import { readFile } from "@/server/domain/document/storage";
import { opinionFileForAdvisor } from "@/server/domain/solicitation/service";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; solicitationId: string }> }) {
  const { id, solicitationId } = await params;
  const actor = await currentActor();
  const file = actor && id.length <= 64 && solicitationId.length <= 64 ? await opinionFileForAdvisor(actor, id, solicitationId) : null;
  const bytes = file ? await readFile(file.key) : null;
  if (!file || !bytes) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": contentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
