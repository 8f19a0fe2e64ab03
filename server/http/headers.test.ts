// X6: the security headers of every response.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./headers";

describe("X6: security headers", () => {
  it("X6: a CSP with the request's nonce, no inline script, framing refused, same-origin sockets", () => {
    const csp = contentSecurityPolicy("abc123", "https://relais.example", false);
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' wss://relais.example");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it("X6: nosniff, Referrer-Policy, Permissions-Policy always; HSTS only over https", () => {
    const local = securityHeaders("n", "http://localhost:3000", false);
    expect(local["X-Content-Type-Options"]).toBe("nosniff");
    expect(local["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(local["Permissions-Policy"]).toContain("camera=()");
    expect(local["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("n", "https://relais.example", false)["Strict-Transport-Security"]).toContain("max-age=");
  });
});
