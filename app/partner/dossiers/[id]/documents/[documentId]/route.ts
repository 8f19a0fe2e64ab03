// S7, A5: a partner downloads a document marked visible to partner, while they may see the dossier.
import { currentActor } from "@/server/auth/session";
import { contentDisposition } from "@/server/domain/document/service";
import { partnerDocument } from "@/server/domain/partner/service";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; documentId: string }> }) {
  const { id, documentId } = await params;
  const actor = await currentActor();
  const doc = actor ? await partnerDocument(actor, id, documentId) : null;
  if (!doc) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(doc.bytes), {
    status: 200,
    headers: {
      "Content-Type": doc.mimeType,
      "Content-Length": String(doc.bytes.length),
      "Content-Disposition": contentDisposition(doc.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
