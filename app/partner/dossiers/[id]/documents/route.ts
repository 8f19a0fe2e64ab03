// S5, X2: a partner uploads a supplement document for one of their solicitations (multipart fields
// "file" and "solicitationId"), answered with JSON.
import type { NextRequest } from "next/server";
import { uploadSupplement } from "@/server/domain/partner/supplement";
import { formFile, handleUpload } from "@/server/http/routes";

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleUpload(
    req,
    "supplement upload",
    async (actor, form) =>
      uploadSupplement(actor, {
        dossierId: id,
        solicitationId: typeof form.get("solicitationId") === "string" ? form.get("solicitationId") : undefined,
        ...((await formFile(form)) ?? { name: "", bytes: null }),
      }),
    "doc.missing",
  );
}
