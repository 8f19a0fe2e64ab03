"use client";
// The partner view is rendered on the server: a partner-audience event (a document shared or
// withdrawn, a stage or status change, S7, S3) refreshes it in place, without a reload. X2: the event
// is only a signal and the same change may have cut this partner (their revocation follows it on the
// socket): the page refreshes only while the partner still sees the dossier, so the revocation notice
// is never replaced by a not-found page.
import { useRouter } from "next/navigation";
import { partnerStillSeesAction } from "@/server/domain/partner/actions";
import { useDossierEvent, useDossierLive } from "../realtime/DossierLive";

export function LiveRefresh() {
  const router = useRouter();
  const { dossierId } = useDossierLive();
  useDossierEvent(() => {
    void partnerStillSeesAction(dossierId).then((res) => {
      if (res.ok && res.value) router.refresh();
    });
  });
  return null;
}
