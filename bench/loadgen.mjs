// The load generator: its own process, started by bench/run.ts for one run of one scenario against one
// server (Relais, bare Socket.IO or bare ws). It reads its configuration from BENCH_CONFIG (JSON),
// talks to the orchestrator over the IPC channel (progress lines, "mark" requests at the edges of the
// measured window so the server's CPU and memory can be read there) and ends by sending its result.
// Plain JavaScript: it needs no build and the `ws` package has no types here.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { clearInterval, setInterval } from "node:timers";
import { io } from "socket.io-client";
import WebSocket from "ws";

// A file, not an environment variable: the session cookies of thousands of users do not fit in one.
const cfg = JSON.parse(fs.readFileSync(process.env.BENCH_CONFIG_FILE, "utf8"));
const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ─── talking to the orchestrator ────────────────────────────────────────────────────────────────
let markId = 0;
const markWaiters = new Map();
process.on("message", (m) => {
  if (m?.type === "marked") {
    markWaiters.get(m.id)?.(m);
    markWaiters.delete(m.id);
  }
});
/** Asks the orchestrator to read the server's probe now; resolves when it has. */
function mark(name) {
  if (!process.send) return Promise.resolve();
  const id = ++markId;
  return new Promise((resolve) => {
    markWaiters.set(id, resolve);
    process.send({ type: "mark", name, id });
  });
}
let lastProgress = 0;
function progress(text, force = false) {
  if (!process.send) return;
  const t = now();
  if (!force && t - lastProgress < 400) return;
  lastProgress = t;
  process.send({ type: "progress", text });
}

// ─── statistics ────────────────────────────────────────────────────────────────────────────────
function summary(values) {
  if (values.length === 0) return { count: 0, p50: null, p90: null, p99: null, max: null, mean: null };
  const a = Float64Array.from(values).sort();
  const q = (p) => a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
  let sum = 0;
  for (const v of a) sum += v;
  return { count: a.length, p50: q(50), p90: q(90), p99: q(99), max: a[a.length - 1], mean: sum / a.length };
}

async function pool(items, concurrency, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

// ─── clients: one interface over Socket.IO (Relais and the bare baseline) and bare ws ──────────
function sioClient(url, userId) {
  const socket = io(url, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: { cookie: cfg.cookies?.[userId] ?? "", origin: cfg.origin },
    reconnection: false,
    forceNew: true,
    timeout: 30_000,
  });
  const handlers = [];
  socket.on("dossier:event", (e) => {
    for (const h of handlers) h(e);
  });
  const connected = () =>
    new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(socket.recovered === true));
      socket.once("connect_error", reject);
    });
  const ready = connected();
  return {
    ready,
    join: (dossierId, afterSeq) => socket.timeout(30_000).emitWithAck("dossier:join", { dossierId, afterSeq }),
    send: (dossierId, clientId, body) =>
      socket.timeout(30_000).emitWithAck("message:send", { dossierId, clientId, body }),
    onEvent: (h) => handlers.push(h),
    /** A network drop: the transport closes under the socket (the server sees "transport close"). */
    cut: () => socket.io.engine.close(),
    /** Reconnects; resolves with whether Socket.IO recovered the session (and replayed what was missed). */
    reconnect: () => {
      const p = connected();
      socket.connect();
      return p;
    },
    close: () => socket.close(),
  };
}

function wsClient(url) {
  const handlers = [];
  const pending = new Map();
  let nextId = 0;
  let ws;
  const open = () =>
    new Promise((resolve, reject) => {
      ws = new WebSocket(`${url.replace(/^http/, "ws")}/ws`, {
        headers: { origin: cfg.origin },
        perMessageDeflate: false,
      });
      ws.on("message", (data) => {
        const m = JSON.parse(data.toString());
        if (m.t === "ack") {
          pending.get(m.id)?.(m);
          pending.delete(m.id);
        } else if (m.t === "event") {
          for (const h of handlers) h(m);
        }
      });
      ws.once("open", () => resolve(false));
      ws.once("error", reject);
    });
  const request = (frame) =>
    withTimeout(
      new Promise((resolve) => {
        const id = ++nextId;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ ...frame, id }));
      }),
      30_000,
      frame.t,
    );
  return {
    ready: open(),
    join: (dossierId, afterSeq) => request({ t: "join", dossierId, afterSeq }),
    send: (dossierId, clientId, body) => request({ t: "send", dossierId, clientId, body }),
    onEvent: (h) => handlers.push(h),
    cut: () => ws.terminate(),
    reconnect: open,
    close: () => ws.close(),
  };
}

const client = (url, userId) => (cfg.protocol === "ws" ? wsClient(url) : sioClient(url, userId));
/** G8: the viewers spread over several processes (every one but the sender's), round robin. */
const viewerUrlOf = (i) => (cfg.viewerUrls?.length ? cfg.viewerUrls[i % cfg.viewerUrls.length] : cfg.viewerUrl);

/** Connects and joins every viewer of every room; each room's first join learns the seq the others start from. */
async function connectViewers(rooms, onEvent) {
  const viewers = [];
  for (const room of rooms)
    for (const userId of room.viewers) viewers.push({ room, userId, client: null, url: viewerUrlOf(viewers.length) });
  const seqOf = new Map();
  for (const room of rooms) {
    const first = viewers.find((v) => v.room === room);
    if (!first) continue;
    first.client = client(first.url, first.userId);
    await first.client.ready;
    const ack = await first.client.join(room.dossierId, 0);
    if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
    seqOf.set(room.dossierId, ack.seq);
  }
  let done = rooms.length;
  await pool(
    viewers.filter((v) => !v.client),
    cfg.connectConcurrency ?? 50,
    async (v) => {
      v.client = client(v.url, v.userId);
      await v.client.ready;
      const ack = await v.client.join(v.room.dossierId, seqOf.get(v.room.dossierId) ?? 0);
      if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
      progress(`connecting viewers ${++done}/${viewers.length}`);
    },
  );
  viewers.forEach((v, i) => v.client.onEvent((e) => onEvent(v, i, e)));
  return viewers;
}

async function connectSenders(rooms) {
  return Promise.all(
    rooms.map(async (room) => {
      const c = client(cfg.senderUrl ?? cfg.viewerUrl, room.sender);
      await c.ready;
      return c;
    }),
  );
}

const PAD = " — bench message, about the length of a short chat line in a dossier.";
const bodyOf = (phase, t) => `${phase}|${t.toFixed(3)}|${PAD}`;
const parseBody = (body) => {
  const [phase, t] = body.split("|", 2);
  return { phase, t: Number(t) };
};
const eventBody = (e) => (e.type === "message.created" ? e.payload?.body : undefined);

// ─── scenarios ─────────────────────────────────────────────────────────────────────────────────

/** G1, G2, G8: viewers in rooms, messages sent at a fixed total rate (open loop), delivery latency. */
async function fanout() {
  const latencies = [];
  const received = new Map(); // viewer index → Set of measured client ids
  let duplicates = 0;
  let delivered = 0;
  const viewers = await connectViewers(cfg.rooms, (v, i, e) => {
    const body = eventBody(e);
    if (!body) return;
    delivered++;
    const { phase, t } = parseBody(body);
    if (phase !== "m") return;
    latencies.push(now() - t);
    let set = received.get(i);
    if (!set) received.set(i, (set = new Set()));
    if (set.has(e.payload.clientId)) duplicates++;
    else set.add(e.payload.clientId);
  });
  const senders = await connectSenders(cfg.rooms);
  progress(`${viewers.length} viewers, ${senders.length} senders connected`, true);

  const ackedPerRoom = cfg.rooms.map(() => new Set());
  const ackLatencies = [];
  let errors = 0;
  let outstanding = 0;
  let skipped = 0;
  let sent = 0;
  let n = 0;
  async function sendOne(phase) {
    const r = n % cfg.rooms.length;
    const clientId = `${cfg.tag}-${phase}-${n++}`;
    if (outstanding >= (cfg.maxOutstanding ?? 2000)) {
      skipped++;
      return;
    }
    outstanding++;
    sent++;
    const t = now();
    try {
      const ack = await senders[r].send(cfg.rooms[r].dossierId, clientId, bodyOf(phase, t));
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      if (phase === "m") {
        ackLatencies.push(now() - t);
        ackedPerRoom[r].add(clientId);
      }
    } catch {
      errors++;
    } finally {
      outstanding--;
    }
  }
  async function paced(phase, seconds) {
    const interval = 1000 / cfg.rate;
    const t0 = now();
    const end = t0 + seconds * 1000;
    let i = 0;
    while (now() < end) {
      const due = Math.floor((now() - t0) / interval) + 1;
      while (i < due) {
        i++;
        void sendOne(phase);
      }
      progress(
        `${phase === "w" ? "warm-up" : "measuring"} ${((now() - t0) / 1000).toFixed(0)}/${seconds} s · sent ${sent} · delivered ${delivered} · p99 ${summary(latencies.slice(-5000)).p99?.toFixed(1) ?? "–"} ms`,
      );
      await sleep(Math.max(0, t0 + i * interval - now()));
    }
  }
  await paced("w", cfg.warmupS);
  await sleep(200);
  await mark("start");
  const deliveredBefore = delivered;
  await paced("m", cfg.durationS);
  // Drain: every acked message should reach every viewer of its room.
  const expected = () => ackedPerRoom.reduce((s, set, r) => s + set.size * cfg.rooms[r].viewers.length, 0);
  const got = () => [...received.values()].reduce((s, set) => s + set.size, 0);
  // An overloaded server answers late: wait for every ack (up to a minute) so that the next run does
  // not start against a backlog, then give deliveries a few seconds more.
  const ackEnd = now() + 60_000;
  while (outstanding > 0 && now() < ackEnd) {
    progress(`draining: ${outstanding} sends not yet acknowledged`);
    await sleep(50);
  }
  const drainEnd = now() + 5000;
  while (got() < expected() && now() < drainEnd) await sleep(20);
  await mark("end");
  const result = {
    unacknowledged: outstanding,
    viewers: viewers.length,
    sent,
    acked: ackedPerRoom.reduce((s, set) => s + set.size, 0),
    errors,
    skipped,
    expectedDeliveries: expected(),
    deliveries: got(),
    lost: expected() - got(),
    duplicates,
    deliveredInWindow: delivered - deliveredBefore,
    latency: summary(latencies),
    ack: summary(ackLatencies),
  };
  viewers.forEach((v) => v.client.close());
  senders.forEach((s) => s.close());
  return result;
}

/** G3: one sender, one viewer, one message at a time: send → (commit) → receive. */
async function pingpong() {
  const room = cfg.rooms[0];
  const waiting = new Map();
  await connectViewers([room], (_v, _i, e) => {
    const id = e.payload?.clientId;
    waiting.get(id)?.(now());
    waiting.delete(id);
  });
  const [sender] = await connectSenders([room]);
  const latencies = [];
  const acks = [];
  let errors = 0;
  const total = cfg.warmup + cfg.count;
  for (let i = 0; i < total; i++) {
    if (i === cfg.warmup) await mark("start");
    const clientId = `${cfg.tag}-${i}`;
    const received = new Promise((resolve) => waiting.set(clientId, resolve));
    const t = now();
    try {
      const ackP = sender.send(room.dossierId, clientId, bodyOf("m", t)).then((ack) => {
        if (!ack.ok) throw new Error(JSON.stringify(ack.error));
        return now();
      });
      const [tRecv, tAck] = await withTimeout(Promise.all([received, ackP]), 10_000, "send");
      if (i >= cfg.warmup) {
        latencies.push(tRecv - t);
        acks.push(tAck - t);
      }
    } catch {
      errors++;
    }
    progress(`${i < cfg.warmup ? "warm-up" : "measuring"} ${i + 1}/${total}`);
  }
  await mark("end");
  return { count: latencies.length, errors, latency: summary(latencies), ack: summary(acks) };
}

/** G5: senders in many rooms, each with a few sends in flight, paced to a total rate; what is acked per second. */
async function throughput() {
  const received = new Map();
  let duplicates = 0;
  const viewers = await connectViewers(cfg.rooms, (v, i, e) => {
    const body = eventBody(e);
    if (!body || parseBody(body).phase !== "m") return;
    let set = received.get(i);
    if (!set) received.set(i, (set = new Set()));
    if (set.has(e.payload.clientId)) duplicates++;
    else set.add(e.payload.clientId);
  });
  const senders = await connectSenders(cfg.rooms);
  const lanes = cfg.lanes ?? 4;
  const acked = cfg.rooms.map(() => new Set());
  const ackLatencies = [];
  let errors = 0;
  let n = 0;
  async function run(phase, seconds) {
    const laneInterval = (1000 * cfg.rooms.length * lanes) / cfg.rate;
    const t0 = now();
    const end = t0 + seconds * 1000;
    let count = 0;
    const ticker = setInterval(
      () =>
        progress(
          `${phase === "w" ? "warm-up" : "measuring"} ${((now() - t0) / 1000).toFixed(0)}/${seconds} s · acked ${count} (${(count / ((now() - t0) / 1000)).toFixed(0)}/s)`,
        ),
      500,
    );
    await Promise.all(
      cfg.rooms.flatMap((room, r) =>
        Array.from({ length: lanes }, async (_, l) => {
          // Lanes start spread over one interval so that the load is smooth.
          let slot = t0 + ((r * lanes + l) / (cfg.rooms.length * lanes)) * laneInterval;
          while (slot < end) {
            const wait = slot - now();
            if (wait > 0) await sleep(wait);
            const clientId = `${cfg.tag}-${phase}-${n++}`;
            const t = now();
            try {
              const ack = await senders[r].send(room.dossierId, clientId, bodyOf(phase, t));
              if (!ack.ok) throw new Error(JSON.stringify(ack.error));
              count++;
              if (phase === "m") {
                acked[r].add(clientId);
                ackLatencies.push(now() - t);
              }
            } catch {
              errors++;
            }
            slot = Math.max(slot + laneInterval, now() - laneInterval);
          }
        }),
      ),
    );
    clearInterval(ticker);
    return { count, seconds: (now() - t0) / 1000 };
  }
  await run("w", cfg.warmupS);
  await mark("start");
  const m = await run("m", cfg.durationS);
  const total = m.count;
  const expected = () => acked.reduce((s, set, r) => s + set.size * cfg.rooms[r].viewers.length, 0);
  const got = () => [...received.values()].reduce((s, set) => s + set.size, 0);
  const drainEnd = now() + 5000;
  while (got() < expected() && now() < drainEnd) await sleep(20);
  await mark("end");
  viewers.forEach((v) => v.client.close());
  senders.forEach((s) => s.close());
  return {
    acked: total,
    perSecond: total / m.seconds,
    seconds: m.seconds,
    errors,
    expectedDeliveries: expected(),
    deliveries: got(),
    lost: expected() - got(),
    duplicates,
    deliveredInWindow: got(),
    ack: summary(ackLatencies),
    clientIdPrefix: `${cfg.tag}-m-`,
  };
}

/** G6: many authenticated sockets doing nothing; the orchestrator reads the server's memory around them. */
async function idle() {
  await mark("before");
  const clients = [];
  let failed = 0;
  await pool(cfg.users, cfg.connectConcurrency ?? 100, async (userId) => {
    const c = client(cfg.viewerUrl, userId);
    try {
      await withTimeout(c.ready, 30_000, "connect");
      clients.push(c);
    } catch {
      failed++;
    }
    progress(`connected ${clients.length}/${cfg.users.length}`);
  });
  await sleep(cfg.settleMs ?? 2000);
  await mark("after");
  // The capacity model's cost of an idle socket (docs/capacity.md): the server's CPU while they stay.
  if (cfg.idleMs) {
    await mark("idleStart");
    await sleep(cfg.idleMs);
    await mark("idleEnd");
  }
  clients.forEach((c) => c.close());
  return { sockets: clients.length, failed };
}

/** G7: connect + authenticate + join, many in flight; completed per second. */
async function connect() {
  const seqOf = new Map();
  // The seq a page would have rendered: what a viewer joins from.
  for (const room of cfg.rooms) {
    const c = client(cfg.viewerUrl, room.viewers[0]);
    await c.ready;
    const ack = await c.join(room.dossierId, 0);
    seqOf.set(room.dossierId, ack.seq);
    c.close();
  }
  const jobs = [];
  for (let i = 0; i < cfg.count; i++) {
    const room = cfg.rooms[i % cfg.rooms.length];
    jobs.push({ room, userId: room.viewers[Math.floor(i / cfg.rooms.length) % room.viewers.length] });
  }
  const open = [];
  const latencies = [];
  let failed = 0;
  await mark("start");
  const t0 = now();
  await pool(jobs, cfg.concurrency ?? 50, async (job) => {
    const t = now();
    const c = client(cfg.viewerUrl, job.userId);
    try {
      await withTimeout(c.ready, 30_000, "connect");
      const ack = await c.join(job.room.dossierId, seqOf.get(job.room.dossierId) ?? 0);
      if (!ack.ok) throw new Error("join refused");
      latencies.push(now() - t);
      open.push(c);
    } catch {
      failed++;
      c.close();
    }
    progress(`joined ${open.length}/${jobs.length}`);
  });
  const seconds = (now() - t0) / 1000;
  await mark("end");
  open.forEach((c) => c.close());
  return { completed: open.length, failed, perSecond: open.length / seconds, seconds, latency: summary(latencies) };
}

/** G9: one viewer among several loses its connection for a few seconds while messages flow. */
async function cutoff() {
  const room = cfg.rooms[0];
  const seen = new Map(room.viewers.map((_, i) => [i, new Set()])); // viewer index → Set of seq
  let duplicates = 0;
  let checkCaughtUp = null;
  const viewers = await connectViewers([room], (_v, i, e) => {
    if (!eventBody(e)) return;
    const set = seen.get(i);
    if (set.has(e.seq)) duplicates++;
    else set.add(e.seq);
    checkCaughtUp?.();
  });
  const [sender] = await connectSenders([room]);
  const ackedSeqs = [];
  let errors = 0;
  let sending = true;
  let n = 0;
  const traffic = (async () => {
    const interval = 1000 / cfg.rate;
    let next = now();
    while (sending) {
      const i = n++;
      sender
        .send(room.dossierId, `${cfg.tag}-${i}`, bodyOf("m", now()))
        .then((ack) => (ack.ok ? ackedSeqs.push(ack.message.seq) : errors++))
        .catch(() => errors++);
      next += interval;
      await sleep(Math.max(0, next - now()));
    }
  })();
  const cut = viewers[0];
  await sleep(cfg.beforeMs);
  await mark("start");
  const firstSeq = Math.min(...ackedSeqs);
  const mine = () => seen.get(0);
  const lastContiguous = () => {
    const s = mine();
    let k = Math.max(0, firstSeq - 1);
    while (s.has(k + 1)) k++;
    return k;
  };
  cut.client.cut();
  progress(`viewer cut off for ${cfg.cutMs} ms`, true);
  await sleep(cfg.cutMs);
  const target = Math.max(...ackedSeqs);
  const t = now();
  let caughtUpMs = null;
  const caughtUp = new Promise((resolve) => {
    checkCaughtUp = () => {
      if (caughtUpMs === null && lastContiguous() >= target) {
        caughtUpMs = now() - t;
        resolve();
      }
    };
  });
  let recovered = false;
  try {
    recovered = await cut.client.reconnect();
    if (!recovered) {
      // Relais: join again from the last seq applied; the answer carries what was missed.
      const ack = await cut.client.join(room.dossierId, lastContiguous());
      if (ack.ok && ack.events) {
        for (const e of ack.events) if (eventBody(e)) mine().add(e.seq);
      }
    }
    checkCaughtUp();
    await withTimeout(caughtUp, 5000, "catch-up").catch(() => {});
  } catch {
    errors++;
  }
  progress(`reconnected; caught up: ${caughtUpMs === null ? "no" : `${caughtUpMs.toFixed(0)} ms`}`, true);
  await sleep(cfg.afterMs);
  sending = false;
  await traffic;
  await sleep(1000);
  await mark("end");
  const s = mine();
  const missed = ackedSeqs.filter((q) => q >= firstSeq && !s.has(q)).length;
  viewers.forEach((v) => v.client.close());
  sender.close();
  return { acked: ackedSeqs.length, errors, missed, duplicates, caughtUpMs, recovered };
}

const scenarios = { fanout, pingpong, throughput, idle, connect, cutoff };
try {
  const result = await scenarios[cfg.kind]();
  process.send?.({ type: "result", result });
  if (!process.send) console.log(JSON.stringify(result));
  setTimeout(() => process.exit(0), 100);
} catch (e) {
  process.send?.({ type: "error", error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  if (!process.send) console.error(e);
  setTimeout(() => process.exit(1), 100);
}
