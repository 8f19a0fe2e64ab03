// S8, S9, X2: what the partner view shows of the dossier's fields and of one solicitation's answers.
import { describe, expect, it } from "vitest";
import { answerFields, sharedPartnerFields } from "./fields";

const design = {
  fields: JSON.stringify([
    { key: "a", label: "A", section: "applicant" },
    { key: "i", label: "I", section: "internal" },
    { key: "p", label: "P", section: "partner" },
  ]),
  partnerView: JSON.stringify({ i: "edit", p: "edit" }),
};

describe("S8, X2: partner fields", () => {
  it("S8, X2: the dossier's fields follow the design; only a supplement kind that may edit now edits them; an opinion reads", () => {
    const shared = (kind: string, editable: boolean) =>
      sharedPartnerFields(design, "{}", [{ kind, editable }]).map((f) => [f.key, f.editable]);
    expect(shared("supplement", true)).toEqual([["i", true]]);
    expect(shared("supplement", false)).toEqual([["i", false]]);
    expect(shared("opinion", true)).toEqual([["i", false]]);
    // S9: on-behalf entry opens the applicant form (and the design's editable fields).
    expect(shared("on_behalf", true)).toEqual([
      ["a", true],
      ["i", true],
    ]);
  });

  it("X2: partner-only fields are one solicitation's own answers, none for an opinion", () => {
    const values = JSON.stringify({ p: "mon avis" });
    expect(answerFields(design, { kind: "both", editable: true, fieldValues: values })).toEqual([
      { key: "p", label: "P", section: "partner", value: "mon avis", editable: true },
    ]);
    expect(answerFields(design, { kind: "supplement", editable: false, fieldValues: "{}" })[0].editable).toBe(false);
    expect(answerFields(design, { kind: "opinion", editable: true, fieldValues: values })).toEqual([]);
  });
});
