// S4: a partner posts their opinion (multipart: solicitationId, text, optional file), answered with JSON.
import type { NextRequest } from "next/server";
import { submitOpinion } from "@/server/domain/solicitation/service";
import { formFile, handleUpload } from "@/server/http/routes";

export async function POST(req: NextRequest) {
  return handleUpload(req, "opinion", async (actor, form) => {
    const file = await formFile(form);
    return submitOpinion(actor, {
      solicitationId: form.get("solicitationId"),
      text: form.get("text"),
      file: file && file.bytes.length > 0 ? file : null,
    });
  });
}
