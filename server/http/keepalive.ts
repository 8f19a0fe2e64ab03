// Idle keep-alive connections stay open longer than the clients' and proxies' own idle timeouts (60 s
// for most load balancers). Node closes them after 5 s by default, and a request sent on a connection
// at the moment the server closes it fails with ECONNRESET (a proxy answers 502): seen in CI, where
// Playwright reused a connection idle for 5 s. Node wants headersTimeout above keepAliveTimeout.
import type { Server } from "node:http";

export const KEEP_ALIVE_MS = 65_000;

export function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}
