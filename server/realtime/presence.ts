// Presence (C6): who is viewing a dossier now, read from its room (never stored; with Redis the
// adapter's fetchSockets spans every process) and sent to the room. Sending it on every join and leave
// cost N² messages for N viewers arriving at one dossier (each join told everyone already there), the
// largest cost of a connection in G7. So changes are coalesced per dossier: a burst goes out as one
// broadcast 150 ms after its first change, and while joins and leaves keep coming (a busy dossier, a
// reconnect storm after a restart) the room hears at most one presence a second.
import { logger } from "../logger";
import type { Viewer } from "./contract";
import { rooms } from "./rooms";
import type { RelaisIo } from "./server";

/** A quiet dossier's first change goes out this long after it, with whatever joined it meanwhile. */
export const PRESENCE_WINDOW_MS = 150;
/** After that, while changes keep coming, at most one broadcast per dossier this often. */
export const PRESENCE_INTERVAL_MS = 1000;

/**
 * run(key) once at the end of a window opened by the key's first touch, then at most once per
 * interval while touches keep coming; a key that stays quiet for an interval starts over.
 */
export function coalescer(
  run: (key: string) => void,
  windowMs = PRESENCE_WINDOW_MS,
  intervalMs = PRESENCE_INTERVAL_MS,
) {
  const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; dirty: boolean }>();
  const schedule = (key: string, ms: number) => {
    const timer = setTimeout(() => fire(key), ms);
    timer.unref?.();
    return timer;
  };
  function fire(key: string) {
    const p = pending.get(key);
    if (!p) return;
    if (!p.dirty) {
      pending.delete(key);
      return;
    }
    p.dirty = false;
    p.timer = schedule(key, intervalMs);
    run(key);
  }
  return {
    touch(key: string) {
      const p = pending.get(key);
      if (p) p.dirty = true;
      else pending.set(key, { dirty: true, timer: schedule(key, windowMs) });
    },
    dispose() {
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
    },
    /** Cancels what is pending and returns the keys whose change has not gone out yet. */
    flush(): string[] {
      const due = [...pending].filter(([, p]) => p.dirty).map(([key]) => key);
      this.dispose();
      return due;
    },
  };
}

const perServer = new WeakMap<RelaisIo, ReturnType<typeof coalescer>>();
/** Servers that are closing: nothing more is scheduled for them (their adapter closes next). */
const stopped = new WeakSet<RelaisIo>();

/**
 * The dossier's viewers changed: they learn who is there at the end of the window. A socket that is
 * leaving has left its rooms by then (Socket.IO removes it synchronously after "disconnecting").
 */
export function presenceChanged(io: RelaisIo, dossierId: string) {
  if (stopped.has(io)) return;
  let c = perServer.get(io);
  if (!c) perServer.set(io, (c = coalescer((id) => void broadcastPresence(io, id))));
  c.touch(dossierId);
}

/**
 * The server is closing, its sockets gone: the presence changes still in their window go out now,
 * while the adapter is there to tell the dossiers' viewers on other processes, and nothing more is
 * scheduled. Waiting for the window would ask an adapter already closed.
 */
export async function flushPresence(io: RelaisIo): Promise<void> {
  stopped.add(io);
  const c = perServer.get(io);
  perServer.delete(io);
  if (c) await Promise.all(c.flush().map((dossierId) => broadcastPresence(io, dossierId)));
}

async function broadcastPresence(io: RelaisIo, dossierId: string) {
  try {
    const sockets = await io.in(rooms.dossier(dossierId)).fetchSockets();
    if (sockets.length === 0) return;
    const viewers = new Map<string, Viewer>();
    for (const s of sockets) viewers.set(s.data.actor.userId, { userId: s.data.actor.userId, name: s.data.actor.name });
    io.to(rooms.dossier(dossierId)).emit("presence", { dossierId, viewers: [...viewers.values()] });
  } catch (e) {
    logger.warn("presence failed", { error: String(e) });
  }
}
