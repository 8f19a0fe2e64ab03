import { describe, expect, it } from "vitest";
import { normalizeEmails, splitEmails } from "./schema";

describe("membership emails", () => {
  it("splits what a person typed on lines, commas, semicolons and spaces", () => {
    expect(splitEmails(" a@x.test,b@x.test;\nc@x.test  d@x.test\n\n")).toEqual([
      "a@x.test",
      "b@x.test",
      "c@x.test",
      "d@x.test",
    ]);
    expect(splitEmails("   ")).toEqual([]);
  });

  it("normalizes case and duplicates, and names the first invalid address", () => {
    expect(normalizeEmails(["A@X.test", "a@x.test ", "b@x.test"])).toEqual({
      ok: true,
      emails: ["a@x.test", "b@x.test"],
    });
    expect(normalizeEmails(["a@x.test", "pas un email", "c@"])).toEqual({ ok: false, invalid: "pas un email" });
    expect(normalizeEmails([""])).toMatchObject({ ok: false });
  });
});
