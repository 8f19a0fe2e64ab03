"use client";
// Whether the page's live channel is connected (for partners and the Partners tab, which have no conversation).
import { t, type Locale } from "@/server/i18n";
import { useDossierLive } from "../realtime/DossierLive";

export function LiveStatus({ locale }: { locale: Locale }) {
  const { status } = useDossierLive();
  return (
    <span
      className="flex items-center gap-2 text-sm text-slate-600"
      data-testid="channel-status"
      data-status={status}
      role="status"
    >
      <span
        aria-hidden="true"
        className={`h-2 w-2 rounded-full ${status === "live" ? "bg-emerald-500" : "bg-amber-500"}`}
      />
      {status === "live" ? t(locale, "conversation.live") : t(locale, "conversation.offline")}
    </span>
  );
}
