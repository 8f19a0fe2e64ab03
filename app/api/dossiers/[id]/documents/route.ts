// Upload of one document (multipart field "file"; S7: "partners" = "all" or one field per solicitation
// id, absent when not shown to partners), answered with JSON. Thin: the service decides.
import type { NextRequest } from "next/server";
import { uploadDocument } from "@/server/domain/document/service";
import { formFile, handleUpload } from "@/server/http/routes";

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleUpload(
    req,
    "document upload",
    async (actor, form) =>
      uploadDocument(actor, {
        dossierId: id,
        partners: partnersField(form),
        ...((await formFile(form)) ?? { name: "", bytes: null }),
      }),
    "doc.missing",
  );
}

function partnersField(form: FormData): unknown {
  const values = form.getAll("partners").filter((v): v is string => typeof v === "string");
  if (values.length === 0) return undefined;
  return values.length === 1 && values[0] === "all" ? "all" : values;
}
