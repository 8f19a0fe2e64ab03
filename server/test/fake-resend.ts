// A local stand-in for Resend's HTTP API, so tests run the real Resend SDK end to end (RESEND_BASE_URL).
// It records every request and answers with the statuses a test queues (429, 500…), else 200.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeRequest = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  /** arrival, ms since the epoch */ at: number;
};

/** `delayMs` holds every answer that long, so a client can be killed with its request in flight. */
export async function startFakeResend(opts: { delayMs?: number } = {}) {
  const requests: FakeRequest[] = [];
  const queued: { status: number; body: unknown }[] = [];
  const seenKeys = new Map<string, string>();
  let nextId = 1;
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, at: Date.now() });
      const answer = queued.shift();
      res.setHeader("content-type", "application/json");
      if (answer) {
        res.statusCode = answer.status;
        res.end(JSON.stringify(answer.body));
        return;
      }
      // Like Resend: the same idempotency key answers with the same email id.
      const key = req.headers["idempotency-key"] as string | undefined;
      const id = (key && seenKeys.get(key)) ?? `email_${nextId++}`;
      if (key) seenKeys.set(key, id);
      res.statusCode = 200;
      if (opts.delayMs) setTimeout(() => res.end(JSON.stringify({ id })), opts.delayMs);
      else res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** The next requests get these answers, in order. */
    queue: (...answers: { status: number; body?: unknown }[]) =>
      queued.push(
        ...answers.map((a) => ({
          status: a.status,
          body: a.body ?? {
            statusCode: a.status,
            name: a.status === 429 ? "rate_limit_exceeded" : "application_error",
            message: `fake ${a.status}`,
          },
        })),
      ),
    /** Distinct emails Resend would have delivered (one per idempotency key). */
    deliveredKeys: () => new Set(requests.filter((r) => r.path === "/emails").map((r) => r.headers["idempotency-key"])),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
