// Issue 17: in the browser each language is its own chunk, loaded once, on demand.
import { describe, expect, it } from "vitest";
import { catalogues, loadCatalogue } from "./message-catalogues.browser";

describe("browser catalogues", () => {
  it("load only the language asked for, once, and then answer at once", async () => {
    expect(catalogues).toEqual({});
    const first = loadCatalogue("en");
    expect(first).toBeInstanceOf(Promise);
    // a second render while it loads shares the same loading
    expect(loadCatalogue("en")).toBe(first);
    await first;
    expect(catalogues.en?.["nav.signOut"]).toBe("Sign out");
    expect(catalogues.fr).toBeUndefined();
    expect(loadCatalogue("en")).toBeNull();
  });
});
