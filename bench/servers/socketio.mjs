// Baseline: a bare Socket.IO server doing the same fan-out as Relais (rooms, an ack per send, one
// event per message to everyone in the room) with no auth, no policy and no database: the floor of
// the framework. Same event names and shapes as Relais so that the load generator drives both alike.
// REDIS_URL: several processes share rooms through @socket.io/redis-adapter, like Relais (REDIS_ADAPTER
// classic or sharded).
// RECOVERY=1: Socket.IO's own connection state recovery, the framework's answer to G9.
import crypto from "node:crypto";
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.env.PORT);
const http = createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
const io = new Server(http, {
  path: "/socket.io",
  transports: ["websocket", "polling"],
  perMessageDeflate: false,
  serveClient: false,
  ...(process.env.RECOVERY === "1"
    ? { connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: true } }
    : {}),
});

if (process.env.REDIS_URL) {
  const [{ createAdapter, createShardedAdapter }, { createClient }] = await Promise.all([
    import("@socket.io/redis-adapter"),
    import("redis"),
  ]);
  const pub = createClient({ url: process.env.REDIS_URL });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on("error", () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  // REDIS_ADAPTER=sharded: Redis 7 sharded pub/sub, as Relais can (G8 runs both).
  io.adapter(process.env.REDIS_ADAPTER === "sharded" ? createShardedAdapter(pub, sub) : createAdapter(pub, sub));
}

const seqs = new Map();
const author = { id: "bench-author", name: "Bench" };

io.on("connection", (socket) => {
  socket.on("dossier:join", async (p, ack) => {
    await socket.join(`dossier:${p.dossierId}`);
    ack?.({ ok: true, seq: seqs.get(p.dossierId) ?? 0, events: [] });
  });
  socket.on("message:send", (p, ack) => {
    const seq = (seqs.get(p.dossierId) ?? 0) + 1;
    seqs.set(p.dossierId, seq);
    const at = new Date().toISOString();
    const message = {
      id: crypto.randomUUID(),
      dossierId: p.dossierId,
      clientId: p.clientId,
      seq,
      body: p.body,
      createdAt: at,
      author,
    };
    io.to(`dossier:${p.dossierId}`).emit("dossier:event", {
      dossierId: p.dossierId,
      seq,
      type: "message.created",
      payload: message,
      at,
    });
    ack?.({ ok: true, message });
  });
});

http.listen(port, "127.0.0.1");
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));
