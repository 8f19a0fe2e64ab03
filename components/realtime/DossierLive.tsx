"use client";
// One live channel per dossier page, shared by everything on it (conversation, banner, tabs):
// subscribe with useDossierEvent; status, presence and typing come from useDossierLive.
import { createContext, useCallback, useContext, useEffect, useRef, type ReactNode } from "react";
import type { DossierEventWire } from "@/server/realtime/contract";
import { useDossierChannel } from "./useDossierChannel";

type Handler = (e: DossierEventWire) => void;
type Live = ReturnType<typeof useDossierChannel> & { dossierId: string; subscribe: (h: Handler) => () => void };

const LiveContext = createContext<Live | null>(null);

export function DossierLive({ dossierId, initialSeq, children }: { dossierId: string; initialSeq: number; children: ReactNode }) {
  const handlers = useRef(new Set<Handler>());
  const dispatch = useCallback((e: DossierEventWire) => handlers.current.forEach((h) => h(e)), []);
  const channel = useDossierChannel(dossierId, initialSeq, dispatch);
  const subscribe = useCallback((h: Handler) => {
    handlers.current.add(h);
    return () => void handlers.current.delete(h);
  }, []);
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
