// X6: security headers on every response. The CSP carries a fresh nonce per request; Next reads it from
// the request's own Content-Security-Policy header and puts it on every script it renders, so only
// our scripts run ('strict-dynamic' lets them load their chunks). Socket.IO connects to the same origin.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export function contentSecurityPolicy(nonce: string, appOrigin: string, dev: boolean): string {
  const ws = appOrigin.replace(/^http/, "ws");
  return [
    "default-src 'self'",
    // Dev only: React's refresh runtime evaluates code.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind's stylesheet is ours; Next injects a few inline styles (route announcer, error overlay).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(nonce: string, appUrl: string, dev: boolean): Record<string, string> {
  const origin = new URL(appUrl).origin;
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, origin, dev),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Only when served over https: a browser that saw it refuses plain http for a year.
    ...(appUrl.startsWith("https://") ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** Sets the headers on the response, and the CSP on the request too, where Next looks for the nonce. */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, appUrl: string, dev: boolean) {
  const nonce = randomBytes(16).toString("base64");
  const headers = securityHeaders(nonce, appUrl, dev);
  req.headers["content-security-policy"] = headers["Content-Security-Policy"];
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
