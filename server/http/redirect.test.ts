// X5: redirect targets resolve to the app's own origin, whatever encoding the attacker tries.
import { describe, expect, it } from "vitest";
import { safeReturnPath, sameOrigin } from "./redirect";

describe("X5: safe return paths", () => {
  it.each([
    "/\\evil.test/phish",
    "/%5Cevil.test/phish".replace("%5C", "\\"),
    "/\t/evil.test/",
    "/\n/evil.test",
    "//evil.test/x",
    "https://evil.test/",
    "javascript:alert(1)",
    "evil.test",
    "",
    "/" + "a".repeat(600),
  ])("X5: %j is refused (falls back to the dashboard)", (bad) => {
    expect(safeReturnPath(bad)).toBe("/dashboard");
  });

  it("X5: decoded payloads as Next's searchParams hand them are refused too", () => {
    for (const raw of ["/%5Cevil.test/phish", "/%09/evil.test/", "/%2F%2Fevil.test"]) {
      const decoded = new URLSearchParams(`callbackUrl=${raw}`).get("callbackUrl");
      expect(new URL(safeReturnPath(decoded), "https://relais.example").origin).toBe("https://relais.example");
    }
  });

  it("X5: the app's own paths are kept, with their query and fragment", () => {
    expect(safeReturnPath("/dossiers/abc/settings?tab=1#pause")).toBe("/dossiers/abc/settings?tab=1#pause");
    expect(safeReturnPath("/")).toBe("/");
    expect(safeReturnPath(undefined, "/login")).toBe("/login");
  });

  it("X5: Origin: absent (same-site form) or the app's own passes; another site's is refused", () => {
    expect(sameOrigin(null, "https://relais.example")).toBe(true);
    expect(sameOrigin("https://relais.example", "https://relais.example")).toBe(true);
    expect(sameOrigin("https://evil.test", "https://relais.example")).toBe(false);
  });
});
