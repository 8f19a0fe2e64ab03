// A connection left idle longer than Node's default 5 s still carries the next request (CI saw
// ECONNRESET on a request reusing one). Real sockets, real time: one 6 s wait.
import { once } from "node:events";
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { KEEP_ALIVE_MS, keepIdleConnections } from "./keepalive";

let server: Server | null = null;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

function get(port: number, agent: Agent): Promise<{ status: number; socketReused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: "127.0.0.1", path: "/", agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, socketReused: req.reusedSocket }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("HTTP keep-alive", () => {
  it("an idle connection outlives Node's 5 s default and carries the next request", async () => {
    server = createServer((_req, res) => res.end("ok"));
    keepIdleConnections(server);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_MS);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await get(port, agent)).toEqual({ status: 200, socketReused: false });
      await new Promise((r) => setTimeout(r, 6_000));
      // the same connection, still open: without the setting the server closed it after 5 s
      expect(await get(port, agent)).toEqual({ status: 200, socketReused: true });
    } finally {
      agent.destroy();
    }
  }, 15_000);
});
