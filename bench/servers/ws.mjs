// Baseline: a bare `ws` server doing the same fan-out (rooms kept in a Map, the event serialized once
// and written to every socket of the room, an ack per send): the floor of WebSockets in Node.
// Protocol: JSON frames { t: "join" | "send", id, … } answered by { t: "ack", id, … }; events are
// { t: "event", … } with the same fields as Relais's dossier:event.
// REDIS_URL: processes share rooms through Redis pub/sub, one channel per room.
import crypto from "node:crypto";
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const port = Number(process.env.PORT);
const http = createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
const wss = new WebSocketServer({ server: http, path: "/ws", perMessageDeflate: false });
const rooms = new Map();
const seqs = new Map();
const author = { id: "bench-author", name: "Bench" };

function deliver(room, frame) {
  const members = rooms.get(room);
  if (members) for (const s of members) s.send(frame);
}

let publish = deliver;
let subscribe = () => {};
if (process.env.REDIS_URL) {
  const { createClient } = await import("redis");
  const pub = createClient({ url: process.env.REDIS_URL });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on("error", () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  const subscribed = new Set();
  publish = (room, frame) => void pub.publish(`bench:${room}`, frame);
  subscribe = (room) => {
    if (subscribed.has(room)) return;
    subscribed.add(room);
    void sub.subscribe(`bench:${room}`, (frame) => deliver(room, frame));
  };
}

wss.on("connection", (socket) => {
  const joined = new Set();
  socket.on("message", (data) => {
    let m;
    try {
      m = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (m.t === "join") {
      const room = m.dossierId;
      if (!rooms.has(room)) rooms.set(room, new Set());
      rooms.get(room).add(socket);
      joined.add(room);
      subscribe(room);
      socket.send(JSON.stringify({ t: "ack", id: m.id, ok: true, seq: seqs.get(room) ?? 0, events: [] }));
    } else if (m.t === "send") {
      const seq = (seqs.get(m.dossierId) ?? 0) + 1;
      seqs.set(m.dossierId, seq);
      const at = new Date().toISOString();
      const message = {
        id: crypto.randomUUID(),
        dossierId: m.dossierId,
        clientId: m.clientId,
        seq,
        body: m.body,
        createdAt: at,
        author,
      };
      publish(
        m.dossierId,
        JSON.stringify({ t: "event", dossierId: m.dossierId, seq, type: "message.created", payload: message, at }),
      );
      socket.send(JSON.stringify({ t: "ack", id: m.id, ok: true, message }));
    }
  });
  socket.on("close", () => {
    for (const room of joined) rooms.get(room)?.delete(socket);
  });
});

http.listen(port, "127.0.0.1");
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));
