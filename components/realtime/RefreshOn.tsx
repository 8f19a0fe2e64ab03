"use client";
// Re-renders the page's server components when the dossier has an event of one of these kinds, for
// server-rendered parts (like the member list) that have no live state of their own.
import { useRouter } from "next/navigation";
import { useDossierEvent } from "./DossierLive";

export function RefreshOn({ prefix }: { prefix: string }) {
  const router = useRouter();
  useDossierEvent((e) => {
    if (e.type.startsWith(prefix)) router.refresh();
  });
  return null;
}
