// D1, G2: the views of a dashboard share one watch of the tab's socket.
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { watchDashboard } from "./dashboard";

/** What the views see of a socket: sent events recorded, "connect" fired by the test. */
function fakeSocket(connected: boolean) {
  const listeners = new EventEmitter();
  const sent: string[] = [];
  const socket = {
    connected,
    emit: (event: string) => (sent.push(event), true),
    on: (event: string, fn: () => void) => (listeners.on(event, fn), socket),
    off: (event: string, fn: () => void) => (listeners.off(event, fn), socket),
    reconnect() {
      socket.connected = true;
      listeners.emit("connect");
    },
  };
  return { socket: socket as unknown as Parameters<typeof watchDashboard>[0] & typeof socket, sent };
}

describe("watchDashboard (D1, G2)", () => {
  it("watches once for several views and unwatches when the last one goes", () => {
    const { socket, sent } = fakeSocket(true);
    const stopRows = watchDashboard(socket);
    const stopTransfers = watchDashboard(socket);
    expect(sent).toEqual(["dashboard:watch"]);
    stopRows();
    stopRows(); // a second cleanup of the same view counts once
    expect(sent).toEqual(["dashboard:watch"]);
    stopTransfers();
    expect(sent).toEqual(["dashboard:watch", "dashboard:unwatch"]);
  });

  it("watches when the socket connects, again after each reconnection, and no more once unwatched", () => {
    const { socket, sent } = fakeSocket(false);
    const stop = watchDashboard(socket);
    expect(sent).toEqual([]);
    socket.reconnect();
    socket.reconnect();
    expect(sent).toEqual(["dashboard:watch", "dashboard:watch"]);
    stop();
    socket.reconnect();
    expect(sent).toEqual(["dashboard:watch", "dashboard:watch", "dashboard:unwatch"]);
    // a dashboard opened again watches again
    watchDashboard(socket);
    expect(sent.at(-1)).toBe("dashboard:watch");
  });
});
