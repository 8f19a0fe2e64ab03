"use client";
// One Socket.IO connection per tab, same origin, WebSocket first (section 5). Issue 17: socket.io-client
// (41 kB) is its own chunk, loaded after the page's first render: nothing live is on screen before
// hydration, and a phone compiles it outside the hydration's long task.
import { useEffect, type DependencyList } from "react";
import type { Socket } from "socket.io-client";
import { untilLoaded } from "../net/retry";
import type { ClientToServerEvents, ServerToClientEvents } from "@/server/realtime/contract";

export type RelaisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: RelaisSocket | null = null;
let loading: Promise<RelaisSocket> | null = null;

/** The tab's socket, once loaded (every live view loads it when it mounts), else null. */
export function currentSocket(): RelaisSocket | null {
  return socket;
}

/**
 * The tab's socket, connecting it on first use. C10: if its chunk cannot be fetched (offline), it is
 * fetched again until it comes (components/net/retry.ts); live views stay "connecting" meanwhile.
 */
export function loadSocket(): Promise<RelaisSocket> {
  loading ??= untilLoaded(() => import("socket.io-client")).then(({ io }) => (socket ??= connect(io)));
  return loading;
}

/**
 * useEffect with the tab's socket: `effect` runs once the socket is loaded (at once after the first
 * time), and its cleanup when the component goes or `deps` change, even if that comes before the load.
 */
export function useSocketEffect(effect: (socket: RelaisSocket) => (() => void) | void, deps: DependencyList) {
  useEffect(() => {
    let active = true;
    let cleanup: (() => void) | void;
    const start = (s: RelaisSocket) => {
      if (active) cleanup = effect(s);
    };
    if (socket) start(socket);
    else void loadSocket().then(start);
    return () => {
      active = false;
      cleanup?.();
    };
    // the caller's deps are the effect's, as with useEffect (eslint: additionalHooks)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

function connect(io: typeof import("socket.io-client").io): RelaisSocket {
  const s: RelaisSocket = io({
    path: "/socket.io",
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    withCredentials: true,
  });
  // C10: when the browser knows it is offline, say so at once rather than after the ping timeout
  // (about 45 s), so that messages wait visibly; reconnect as soon as it is back.
  window.addEventListener("offline", () => s.disconnect());
  window.addEventListener("online", () => {
    if (!s.connected) s.connect();
  });
  // X1: the server cuts a socket only when its session ended (signed out elsewhere, deactivated, role
  // changed, idle or too old): reload, and the page sends the person to the login page.
  s.on("disconnect", (reason) => {
    if (reason === "io server disconnect") window.location.reload();
  });
  return s;
}
