// N5: the one-click unsubscribe target (RFC 8058). Mail clients POST "List-Unsubscribe=One-Click" here;
// the confirmation page's button posts here too and is sent back to the page. No sign-in: the signed
// link is the proof. A tampered link changes nothing.
import { NextResponse } from "next/server";
import { currentLocale } from "@/server/auth/session";
import { checkUnsubscribeLink, unsubscribe } from "@/server/domain/settings/service";

function params(req: Request) {
  const url = new URL(req.url);
  return { u: url.searchParams.get("u") ?? undefined, s: url.searchParams.get("s") ?? undefined };
}

export async function POST(req: Request) {
  const p = params(req);
  const form = await req.formData().catch(() => null);
  const fromPage = form?.get("from") === "page";
  const link = await checkUnsubscribeLink(p);
  const res = await unsubscribe(p, link.locale ?? (await currentLocale()));
  if (fromPage) {
    const q = new URLSearchParams(res.ok ? { ...(p as Record<string, string>), done: "1" } : { invalid: "1" });
    return new NextResponse(null, { status: 303, headers: { Location: `/unsubscribe?${q}` } });
  }
  if (!res.ok) return NextResponse.json({ error: res.error }, { status: 400 });
  return new NextResponse("Unsubscribed\n", { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** A person who opens the one-click address in a browser gets the confirmation page: a GET never changes anything. */
export async function GET(req: Request) {
  const p = params(req);
  const q = new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => typeof e[1] === "string"));
  return new NextResponse(null, { status: 303, headers: { Location: `/unsubscribe?${q}` } });
}
