"use client";
// One Socket.IO connection per tab, same origin, WebSocket first (section 5).
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/server/realtime/contract";

export type RelaisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: RelaisSocket | null = null;

export function getSocket(): RelaisSocket {
  if (!socket) {
    socket = io({
      path: "/socket.io",
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      withCredentials: true,
    });
    // C10: when the browser knows it is offline, say so at once rather than after the ping timeout
    // (about 45 s), so that messages wait visibly; reconnect as soon as it is back.
    const s = socket;
    window.addEventListener("offline", () => s.disconnect());
    window.addEventListener("online", () => {
      if (!s.connected) s.connect();
    });
    // X1: the server cuts a socket only when its session ended (signed out elsewhere, deactivated, role
    // changed, idle or too old): reload, and the page sends the person to the login page.
    s.on("disconnect", (reason) => {
      if (reason === "io server disconnect") window.location.reload();
    });
  }
  return socket;
}
