// The client's address, as the custom server saw it on the TCP socket (server/index.ts sets the header
// on every request, overwriting anything a client sent under that name).
import { isLoopbackHost } from "../env";

export const CLIENT_ADDRESS_HEADER = "x-relais-client-address";

/** X8: the request comes from this machine (the local mailbox is served to nobody else). */
export function isLoopbackRequest(headers: { get(name: string): string | null }): boolean {
  const address = headers.get(CLIENT_ADDRESS_HEADER);
  return address !== null && isLoopbackHost(address);
}
