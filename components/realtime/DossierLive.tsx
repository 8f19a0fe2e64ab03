"use client";
// One live channel per dossier page, shared by everything on it (conversation, banner, tabs):
// subscribe with useDossierEvent; status, presence and typing come from useDossierLive.
import { createContext, useCallback, useContext, useEffect, useRef, type ReactNode } from "react";
import { t, toLocale } from "@/server/i18n";
import type { DossierEventWire } from "@/server/realtime/contract";
import { useDossierChannel } from "./useDossierChannel";

type Handler = (e: DossierEventWire) => void;
type Live = ReturnType<typeof useDossierChannel> & { dossierId: string; subscribe: (h: Handler) => () => void };

const LiveContext = createContext<Live | null>(null);

export function DossierLive({
  dossierId,
  initialSeq,
  children,
}: {
  dossierId: string;
  initialSeq: number;
  children: ReactNode;
}) {
  const handlers = useRef(new Set<Handler>());
  const dispatch = useCallback((e: DossierEventWire) => handlers.current.forEach((h) => h(e)), []);
  const channel = useDossierChannel(dossierId, initialSeq, dispatch);
  const subscribe = useCallback((h: Handler) => {
    handlers.current.add(h);
    return () => void handlers.current.delete(h);
  }, []);
  // A3: access lost while viewing (removed, left elsewhere): the whole dossier page goes, not only the
  // conversation. The notice takes the page's language from <html lang>, set by the root layout.
  if (channel.status === "revoked") return <RevokedNotice />;
  return <LiveContext.Provider value={{ ...channel, dossierId, subscribe }}>{children}</LiveContext.Provider>;
}

export function useDossierLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error("useDossierLive outside <DossierLive>");
  return live;
}

/** Calls handler for every event of the dossier, in seq order, once each. */
export function useDossierEvent(handler: Handler) {
  const { subscribe } = useDossierLive();
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  }, [handler]);
  useEffect(() => subscribe((e) => ref.current(e)), [subscribe]);
}

function RevokedNotice() {
  const locale = toLocale(typeof document === "undefined" ? "fr" : document.documentElement.lang);
  return (
    <div
      role="alert"
      data-testid="dossier-revoked"
      className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-900"
    >
      {t(locale, "membership.revoked")}{" "}
      <a className="underline" href="/dashboard">
        {t(locale, "dossier.back")}
      </a>
    </div>
  );
}
