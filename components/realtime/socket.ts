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
  }
  return socket;
}
