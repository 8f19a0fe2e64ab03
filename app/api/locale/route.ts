// Switches the interface language: a cookie for everyone, the profile language when signed in.
import { NextResponse } from "next/server";
import { z } from "zod";
import { currentActor } from "@/server/auth/session";
import { setProfileLocale } from "@/server/domain/profile/service";
import { env } from "@/server/env";
import { safeReturnPath, sameOrigin } from "@/server/http/redirect";
import { LOCALE_COOKIE } from "@/server/i18n";

const schema = z.object({
  locale: z.enum(["fr", "en"]),
  // X5: only a path of this app; anything else is refused, not silently replaced.
  back: z
    .string()
    .max(500)
    .default("/")
    .refine((v) => safeReturnPath(v, "") === v),
});

export async function POST(req: Request) {
  // X5: a state-changing request from another site is refused.
  if (!sameOrigin(req.headers.get("origin"), env().appOrigin))
    return NextResponse.json({ error: { code: "invalid", message: "cross-site request refused" } }, { status: 403 });
  const form = await req.formData();
  const parsed = schema.safeParse({ locale: form.get("locale"), back: form.get("back") ?? undefined });
  if (!parsed.success)
    return NextResponse.json({ error: { code: "invalid", message: "locale must be fr or en" } }, { status: 400 });
  const actor = await currentActor();
  if (actor) await setProfileLocale(actor, parsed.data.locale);
  const res = new NextResponse(null, { status: 303, headers: { Location: parsed.data.back } });
  res.cookies.set(LOCALE_COOKIE, parsed.data.locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });
  return res;
}
