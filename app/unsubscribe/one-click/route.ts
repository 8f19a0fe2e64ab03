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

/** The page's query: `keys` of this request's (the link, the email's language: proxy.ts), then `extra`. */
function pageQuery(req: Request, keys: string[], extra: Record<string, string> = {}) {
  const url = new URL(req.url);
  const q = new URLSearchParams();
  for (const k of keys) {
    const v = url.searchParams.get(k);
    if (v !== null) q.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q;
}

export async function POST(req: Request) {
  const p = params(req);
  const form = await req.formData().catch(() => null);
  const fromPage = form?.get("from") === "page";
  const link = await checkUnsubscribeLink(p);
  const res = await unsubscribe(p, link.locale ?? (await currentLocale()));
  if (fromPage) {
    const q = res.ok ? pageQuery(req, ["u", "s", "l"], { done: "1" }) : pageQuery(req, ["l"], { invalid: "1" });
    return new NextResponse(null, { status: 303, headers: { Location: `/unsubscribe?${q}` } });
  }
  if (!res.ok) return NextResponse.json({ error: res.error }, { status: 400 });
  return new NextResponse("Unsubscribed\n", { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** A person who opens the one-click address in a browser gets the confirmation page: a GET never changes anything. */
export async function GET(req: Request) {
  const q = pageQuery(req, ["u", "s", "l"]);
  return new NextResponse(null, { status: 303, headers: { Location: `/unsubscribe?${q}` } });
}
