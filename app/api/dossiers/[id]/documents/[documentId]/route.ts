// Download of one document, only through the policy (404 otherwise), always as an attachment.
import { currentActor } from "@/server/auth/session";
import { contentDisposition, documentForDownload } from "@/server/domain/document/service";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; documentId: string }> }) {
  const { id, documentId } = await params;
  const actor = await currentActor();
  const doc = actor && id.length <= 64 && documentId.length <= 64 ? await documentForDownload(actor, id, documentId) : null;
  if (!doc) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(doc.bytes), {
    status: 200,
    headers: {
      "Content-Type": doc.mimeType,
      "Content-Length": String(doc.bytes.length),
      "Content-Disposition": contentDisposition(doc.name),
      // Never rendered by the browser as another type, never cached by shared caches.
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
