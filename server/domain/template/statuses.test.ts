// S3, A5: what a workflow status allows partners; unknown or broken configurations hide the dossier.
import { describe, expect, it } from "vitest";
import { partnerFields } from "./fields";
import { BUILT_IN_STATUSES, partnerStatus, statusesOf } from "./statuses";

describe("S3: partner status", () => {
  it("S3: built-in statuses: open is editable, review read-only, closed hidden", () => {
    expect(partnerStatus("open", null)).toMatchObject({ visible: true, editable: true });
    expect(partnerStatus("review", null)).toMatchObject({ visible: true, editable: false });
    expect(partnerStatus("closed", null)).toMatchObject({ visible: false, editable: false });
  });

  it("A5: an unknown status hides the dossier; editable never without visible; broken JSON falls back to built-in", () => {
    expect(partnerStatus("nope", null)).toMatchObject({ visible: false, editable: false });
    const json = JSON.stringify([{ key: "x", label: "X", partnerVisible: false, partnerEditable: true }]);
    expect(partnerStatus("x", json)).toMatchObject({ visible: false, editable: false });
    expect(statusesOf("{not json")).toEqual(BUILT_IN_STATUSES);
    expect(statusesOf("[]")).toEqual(BUILT_IN_STATUSES);
  });

  it("S8, S9: partner fields follow the design; on-behalf entry opens the applicant form, never internal fields", () => {
    const fields = JSON.stringify([
      { key: "a", label: "A", section: "applicant" },
      { key: "i", label: "I", section: "internal" },
      { key: "p", label: "P", section: "partner" },
    ]);
    const view = JSON.stringify({ i: "read", p: "edit" });
    expect(partnerFields(fields, view, "{}", true).map((f) => [f.key, f.editable])).toEqual([
      ["i", false],
      ["p", true],
    ]);
    expect(partnerFields(fields, view, "{}", false).map((f) => [f.key, f.editable])).toEqual([
      ["i", false],
      ["p", false],
    ]);
    expect(partnerFields(fields, "{}", "{}", true, true).map((f) => [f.key, f.editable])).toEqual([["a", true]]);
  });
});
