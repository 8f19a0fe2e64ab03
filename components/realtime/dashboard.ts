"use client";
// D1, G2: "dashboard:changed" reaches a socket only while the tab shows a dashboard ("dashboard:watch").
// Views of the dashboard (its rows, the pending transfers) share the tab's one watch: the first to come
// watches, the last to go unwatches, and the watch is asked for again after every reconnection.
import type { DependencyList } from "react";
import { useSocketEffect, type RelaisSocket } from "./socket";

type WatchedSocket = Pick<RelaisSocket, "connected" | "emit" | "on" | "off">;

const watchers = new WeakMap<WatchedSocket, { count: number; onConnect: () => void }>();

/** Counts one more view watching the dashboard on this socket; returns how to stop. */
export function watchDashboard(socket: WatchedSocket): () => void {
  let w = watchers.get(socket);
  if (!w) {
    const onConnect = () => void socket.emit("dashboard:watch");
    w = { count: 0, onConnect };
    watchers.set(socket, w);
  }
  if (w.count++ === 0) {
    socket.on("connect", w.onConnect);
    if (socket.connected) socket.emit("dashboard:watch");
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--w.count === 0) {
      socket.off("connect", w.onConnect);
      socket.emit("dashboard:unwatch");
    }
  };
}

/**
 * Calls `onChange` when a dossier of this user's dashboard changed or was taken from them while the
 * calling view is mounted, and, unless `afterConnect` is false, when the socket (re)connects: what
 * changed meanwhile was not heard.
 */
export function useDashboardChanges(
  onChange: (socket: RelaisSocket) => void,
  deps: DependencyList,
  { afterConnect = true }: { afterConnect?: boolean } = {},
) {
  useSocketEffect((socket) => {
    const stop = watchDashboard(socket);
    const changed = () => onChange(socket);
    if (afterConnect) socket.on("connect", changed);
    socket.on("dashboard:changed", changed);
    socket.on("dossier:revoked", changed);
    return () => {
      socket.off("connect", changed);
      socket.off("dashboard:changed", changed);
      socket.off("dossier:revoked", changed);
      stop();
    };
    // the caller's deps are the effect's (eslint: additionalHooks)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
