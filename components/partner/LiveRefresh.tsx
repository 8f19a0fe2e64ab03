"use client";
// The partner view is rendered on the server: a partner-audience event (a document shared or
// withdrawn, S7) refreshes it in place, without a reload.
import { useRouter } from "next/navigation";
import { useDossierEvent } from "../realtime/DossierLive";

export function LiveRefresh() {
  const router = useRouter();
  useDossierEvent(() => router.refresh());
  return null;
}
