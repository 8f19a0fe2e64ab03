// X5: where the app may send a browser after an action: only paths of its own origin. A backslash, a
// tab or a second slash turns "/…" into another host for browsers ("/\evil.test", "/%09/evil.test"),
// so the value is checked as the browser will read it, then rebuilt from its parts.
const BASE = "http://relais.invalid";

export function safeReturnPath(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 500) return fallback;
  // Control characters (tab, newline…) and backslashes are never part of our paths.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // What the browser would re-read must still be a path of ours.
  return path.startsWith("//") ? fallback : path;
}

/** X5: a state-changing request from a page of another origin is refused (server actions check it too). */
export function sameOrigin(origin: string | null, appOrigin: string): boolean {
  return origin === null || origin === appOrigin;
}
