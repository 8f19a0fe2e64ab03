// Relais's live path as `server/index.ts` runs it (the same createRealtimeServer, socketPublisher,
// Redis adapter and database), without Next's request handler, which serves no socket traffic. The
// bench uses it with `--server realtime` (no production build needed); `--server full` runs
// server/index.ts itself.
import { createServer } from "node:http";
import { closeDb, dbReady } from "../../server/db";
import { env } from "../../server/env";
import { connectRateLimitStore } from "../../server/ratelimit";
import { attachRedisAdapter } from "../../server/realtime/adapter";
import { setPublisher } from "../../server/realtime/publisher";
import { closeRealtimeServer, createRealtimeServer, socketPublisher } from "../../server/realtime/server";

const e = env();
await dbReady();
const http = createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
const io = createRealtimeServer(http, { appOrigin: e.appOrigin, secret: e.secret });
const closeRedis = e.REDIS_URL ? (await attachRedisAdapter(io, e.REDIS_URL, e.REDIS_ADAPTER)).close : async () => {};
setPublisher(socketPublisher(io));
connectRateLimitStore();
await new Promise<void>((resolve) => http.listen(e.PORT, e.HOSTNAME, resolve));

async function stop() {
  setPublisher(undefined);
  await closeRealtimeServer(io);
  await closeRedis();
  await closeDb();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
