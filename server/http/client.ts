// The client's address, as the custom server saw it on the TCP socket (server/index.ts sets the header
// on every request, overwriting anything a client sent under that name).
import type { IncomingMessage } from "node:http";
import { isLoopbackHost } from "../env";

export const CLIENT_ADDRESS_HEADER = "x-relais-client-address";

/** X8: the request comes from this machine (the local mailbox is served to nobody else). */
export function isLoopbackRequest(headers: { get(name: string): string | null }): boolean {
  const address = headers.get(CLIENT_ADDRESS_HEADER);
  return address !== null && isLoopbackHost(address);
}

/**
 * X4: the client's address. Behind TRUST_PROXY proxies (a number), it is the address the nearest
 * trusted proxy saw: the entry that many places from the right of X-Forwarded-For; entries further left
 * are the client's own claims and never trusted. Without it, the TCP peer.
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (trustProxy <= 0) return peer;
  const raw = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return hops[hops.length - trustProxy] ?? hops[0] ?? peer;
}
