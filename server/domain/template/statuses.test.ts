// S3, A5: what a workflow status allows partners; unknown or broken configurations hide the dossier.
import { describe, expect, it } from "vitest";
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
});
