// X3: request bodies are bounded while they stream, whatever the client declares (or not).
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimitFor, DEFAULT_BODY_LIMIT, ENVELOPE_BYTES, limitBody } from "./limits";

const LIMIT = 64 * 1024;
let server: http.Server;
let port: number;
/** What the handler behind the limit read of each body (what Next would have buffered). */
const seen: number[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!limitBody(req, res, LIMIT)) return;
    let n = 0;
    req.on("data", (c: Buffer) => (n += c.length));
    req.on("end", () => {
      seen.push(n);
      res.end(`read ${n}`);
    });
    req.on("close", () => seen.push(n));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Sends `total` bytes in chunks without a Content-Length (chunked), as an attacker would. */
function postChunked(total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: "127.0.0.1", method: "POST", path: "/api/locale" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? null : reject(e)));
    const chunk = Buffer.alloc(16 * 1024, 97);
    let sent = 0;
    const write = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

describe("X3: bodies bounded while streaming", () => {
  it("X3: a chunked body over the limit is answered 413 and the handler never reads past the limit", async () => {
    seen.length = 0;
    expect(await postChunked(20 * 1024 * 1024)).toBe(413);
    await new Promise((r) => setTimeout(r, 50));
    expect(Math.max(0, ...seen)).toBeLessThanOrEqual(LIMIT);
  });

  it("X3: a declared Content-Length over the limit is answered 413 before anything is read", async () => {
    seen.length = 0;
    const status = await new Promise<number>((resolve) => {
      const req = http.request(
        {
          port,
          host: "127.0.0.1",
          method: "POST",
          path: "/x",
          headers: { "content-length": String(150 * 1024 * 1024) },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on("error", () => resolve(-1));
      req.write(Buffer.alloc(1024));
    });
    expect(status).toBe(413);
    expect(seen.every((n) => n === 0)).toBe(true);
  });

  it("X3: a body within the limit reaches the handler whole", async () => {
    seen.length = 0;
    expect(await postChunked(32 * 1024)).toBe(200);
    expect(seen[0]).toBe(32 * 1024);
  });

  it("X3: uploads get the document limit plus the multipart envelope, everything else 1 MB", () => {
    expect(bodyLimitFor("/api/dossiers/abc/documents", 10)).toBe(10 + ENVELOPE_BYTES);
    expect(bodyLimitFor("/partner/dossiers/abc/opinion?x=1", 10)).toBe(10 + ENVELOPE_BYTES);
    expect(bodyLimitFor("/partner/dossiers/abc/documents", 10)).toBe(10 + ENVELOPE_BYTES);
    expect(bodyLimitFor("/api/locale", 10)).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor("/unsubscribe/one-click", 10)).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor("/dossiers/abc", 10)).toBe(DEFAULT_BODY_LIMIT);
  });
});

describe("X3: the refusal speaks the visitor's language", () => {
  const req = (url: string, cookie?: string) => ({ url, headers: cookie ? { cookie } : {} }) as http.IncomingMessage;
  it("X3: an upload's refusal says the document limit, in French by default, in English with the cookie", async () => {
    const { bodyTooLargeMessage } = await import("./limits");
    expect(bodyTooLargeMessage(req("/api/dossiers/d1/documents"))).toBe(
      "Le fichier dépasse la taille maximale de 10 Mo.",
    );
    expect(bodyTooLargeMessage(req("/api/locale", "a=b; relais-locale=en"))).toBe("This request is too large.");
  });
});

/** Like Playwright's request client: the whole body goes out (declared or chunked), then the answer is read. */
function sendWholeThenRead(port: number, body: Buffer, chunked: boolean): Promise<string> {
  return new Promise<string>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    let got = "";
    s.on("data", (d) => (got += d));
    s.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
    s.on("close", () => resolve(got.split("\r\n")[0]));
    const length = chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${body.length}`;
    s.write(`POST /x HTTP/1.1\r\nHost: x\r\n${length}\r\nConnection: close\r\n\r\n`);
    const piece = 64 * 1024;
    let at = 0;
    const pump = (): void => {
      while (at < body.length) {
        const part = body.subarray(at, at + piece);
        at += piece;
        // One write per piece: a chunk's size line, data and CRLF must all go out.
        const more = s.write(
          chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from("\r\n")]) : part,
        );
        if (!more) return void s.once("drain", pump);
      }
      if (chunked) s.write("0\r\n\r\n");
    };
    pump();
  });
}

describe("X3: a client that writes its whole body before reading gets the 413, not a reset (EPIPE)", () => {
  let local: http.Server;
  let localPort: number;
  beforeAll(async () => {
    local = http.createServer((req, res) => {
      if (!limitBody(req, res, 1024 * 1024)) return;
      req.resume();
      req.on("end", () => res.end("ok"));
    });
    await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
    localPort = (local.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => local.close(() => r())));

  it("X3: a declared body over the limit", async () => {
    const body = Buffer.alloc(12 * 1024 * 1024, 32);
    for (let i = 0; i < 5; i++)
      expect(await sendWholeThenRead(localPort, body, false)).toBe("HTTP/1.1 413 Payload Too Large");
  });

  it("X3: a chunked body over the limit (its rest is read and dropped, never handed to the handler)", async () => {
    const body = Buffer.alloc(12 * 1024 * 1024, 32);
    for (let i = 0; i < 5; i++)
      expect(await sendWholeThenRead(localPort, body, true)).toBe("HTTP/1.1 413 Payload Too Large");
  });
});
