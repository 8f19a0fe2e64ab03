"use client";
// Re-renders the page's server components when the dossier has an event of one of these kinds, for
// server-rendered parts (like the member list) that have no live state of their own. An event about
// the viewer themself is left alone: losing access is shown by the revocation notice, not a 404.
import { useRouter } from "next/navigation";
import { useDossierEvent } from "./DossierLive";

export function RefreshOn({ prefix, me }: { prefix: string; me: string }) {
  const router = useRouter();
  useDossierEvent((e) => {
    const about = (e.payload as { userId?: unknown } | null)?.userId;
    if (e.type.startsWith(prefix) && about !== me) router.refresh();
  });
  return null;
}
