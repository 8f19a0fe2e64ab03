// S4: a partner posts their opinion (multipart: solicitationId, text, optional file), answered with JSON.
import { NextResponse, type NextRequest } from "next/server";
import { currentActor, currentLocale } from "@/server/auth/session";
import { maxDocumentMegabytes } from "@/server/domain/document/service";
import { submitOpinion } from "@/server/domain/solicitation/service";
import { env } from "@/server/env";
import { fail } from "@/server/errors";
import { t } from "@/server/i18n";
import { logger } from "@/server/logger";

const ENVELOPE_BYTES = 64 * 1024;
const status = { unauthorized: 401, not_found: 404, invalid: 400, rate_limited: 429, conflict: 409, internal: 500 } as const;

export async function POST(req: NextRequest) {
  const actor = await currentActor();
  if (!actor) return NextResponse.json(fail("unauthorized", await currentLocale()), { status: 401 });
  const origin = req.headers.get("origin");
  if (origin && origin !== env().appOrigin) return NextResponse.json(fail("invalid", actor.locale), { status: 400 });
  if (Number(req.headers.get("content-length") ?? "0") > env().DOCUMENT_MAX_BYTES + ENVELOPE_BYTES) {
    return NextResponse.json({ ok: false, error: { code: "invalid", message: t(actor.locale, "doc.tooLarge", { max: maxDocumentMegabytes() }) } }, { status: 413 });
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return NextResponse.json(fail("invalid", actor.locale), { status: 400 });
  }
  const file = form.get("file");
  const input = {
    solicitationId: form.get("solicitationId"),
    text: form.get("text"),
    file: file instanceof File && file.size > 0 ? { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } : null,
  };
  try {
    const res = await submitOpinion(actor, input);
    return NextResponse.json(res, { status: res.ok ? 201 : status[res.error.code] });
  } catch (e) {
    logger.error("opinion failed", { error: e instanceof Error ? e.stack ?? e.message : String(e) });
    return NextResponse.json(fail("internal", actor.locale), { status: 500 });
  }
}
