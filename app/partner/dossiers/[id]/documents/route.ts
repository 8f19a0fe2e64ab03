// S5: a partner uploads a supplement document (multipart field "file"), answered with JSON.
import { NextResponse, type NextRequest } from "next/server";
import { currentActor, currentLocale } from "@/server/auth/session";
import { maxDocumentMegabytes } from "@/server/domain/document/service";
import { uploadSupplement } from "@/server/domain/partner/supplement";
import { env } from "@/server/env";
import { fail } from "@/server/errors";
import { t } from "@/server/i18n";
import { logger } from "@/server/logger";

const ENVELOPE_BYTES = 64 * 1024;
const status = { unauthorized: 401, not_found: 404, invalid: 400, rate_limited: 429, conflict: 409, internal: 500 } as const;

export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) return NextResponse.json(fail("unauthorized", await currentLocale()), { status: 401 });
  const origin = req.headers.get("origin");
  if (origin && origin !== env().appOrigin) return NextResponse.json(fail("invalid", actor.locale), { status: 400 });
  if (Number(req.headers.get("content-length") ?? "0") > env().DOCUMENT_MAX_BYTES + ENVELOPE_BYTES) {
    return NextResponse.json({ ok: false, error: { code: "invalid", message: t(actor.locale, "doc.tooLarge", { max: maxDocumentMegabytes() }) } }, { status: 413 });
  }
  let file: FormDataEntryValue | null;
  try {
    file = (await req.formData()).get("file");
  } catch {
    return NextResponse.json(fail("invalid", actor.locale, "doc.missing"), { status: 400 });
  }
  const input = file instanceof File ? { dossierId: id, name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : { dossierId: id, name: "", bytes: null };
  try {
    const res = await uploadSupplement(actor, input);
    return NextResponse.json(res, { status: res.ok ? 201 : status[res.error.code] });
  } catch (e) {
    logger.error("supplement upload failed", { error: e instanceof Error ? e.stack ?? e.message : String(e) });
    return NextResponse.json(fail("internal", actor.locale), { status: 500 });
  }
}
