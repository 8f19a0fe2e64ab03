// Upload of one document (multipart field "file"), answered with JSON. Thin: the service decides.
import type { NextRequest } from "next/server";
import { uploadDocument } from "@/server/domain/document/service";
import { formFile, handleUpload } from "@/server/http/routes";

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleUpload(
    req,
    "document upload",
    async (actor, form) =>
      uploadDocument(actor, { dossierId: id, ...((await formFile(form)) ?? { name: "", bytes: null }) }),
    "doc.missing",
  );
}
