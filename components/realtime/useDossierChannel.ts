"use client";
// Joins a dossier's live channel: catch-up from the last seq on every (re)connection, events applied
// in order once each, presence and typing, and revocation (A3).
import { useEffect, useRef, useState } from "react";
import type { DossierEventWire, Viewer } from "@/server/realtime/contract";
import { Sequencer } from "./sequencer";
import { useSocketEffect } from "./socket";

export type ChannelStatus = "connecting" | "live" | "offline" | "revoked";

export function useDossierChannel(dossierId: string, initialSeq: number, onEvent: (e: DossierEventWire) => void) {
  const [status, setStatus] = useState<ChannelStatus>("connecting");
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [typing, setTyping] = useState<{ userId: string; name: string; until: number }[]>([]);
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);

  useSocketEffect(
    (socket) => {
      let revoked = false;
      const sequencer: Sequencer = new Sequencer(
        initialSeq,
        (e) => onEventRef.current(e),
        () => join(),
      );

      function join() {
        socket.emit("dossier:join", { dossierId, afterSeq: sequencer.lastSeq }, (res) => {
          if (!res.ok) {
            if (res.error.code === "not_found") {
              revoked = true;
              setStatus("revoked");
            } else setStatus("offline");
            return;
          }
          if ("reload" in res) {
            window.location.reload();
            return;
          }
          sequencer.caughtUp(res.seq, res.events);
          setStatus("live");
        });
      }

      const onConnect = () => join();
      // Who was viewing and typing is not known while reconnecting: shown again from the join on (C6).
      const onDisconnect = () => {
        if (revoked) return;
        setStatus("offline");
        setViewers([]);
        setTyping([]);
      };
      const onDossierEvent = (e: DossierEventWire) => e.dossierId === dossierId && sequencer.receive(e);
      const onPresence = (p: { dossierId: string; viewers: Viewer[] }) =>
        p.dossierId === dossierId && setViewers(p.viewers);
      const onTyping = (p: { dossierId: string; userId: string; name: string }) => {
        if (p.dossierId !== dossierId) return;
        const until = Date.now() + 3000;
        setTyping((list) => [...list.filter((x) => x.userId !== p.userId), { ...p, until }]);
      };
      const onRevoked = (p: { dossierId: string; readOnly?: boolean }) => {
        if (p.dossierId !== dossierId) return;
        // T4: a read-only copy was kept: the page comes back as the dossier at the transfer, with its banner.
        if (p.readOnly) {
          window.location.reload();
          return;
        }
        revoked = true;
        setStatus("revoked");
      };

      socket.on("connect", onConnect);
      socket.on("disconnect", onDisconnect);
      socket.on("dossier:event", onDossierEvent);
      socket.on("presence", onPresence);
      socket.on("typing", onTyping);
      socket.on("dossier:revoked", onRevoked);
      if (socket.connected) join();
      const sweep = setInterval(
        () =>
          setTyping((list) =>
            list.some((x) => x.until < Date.now()) ? list.filter((x) => x.until >= Date.now()) : list,
          ),
        1000,
      );

      return () => {
        clearInterval(sweep);
        sequencer.dispose();
        socket.off("connect", onConnect);
        socket.off("disconnect", onDisconnect);
        socket.off("dossier:event", onDossierEvent);
        socket.off("presence", onPresence);
        socket.off("typing", onTyping);
        socket.off("dossier:revoked", onRevoked);
        socket.emit("dossier:leave", { dossierId });
      };
    },
    [dossierId, initialSeq],
  );

  return { status, viewers, typing };
}
