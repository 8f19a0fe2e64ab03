// Section 2 of DESIGN.md, row by row: each action allowed exactly for the roles the table names.
import { describe, expect, it } from "vitest";
import { can, dossierPermissions, type DossierAction, type DossierRole } from "./permissions";

const roles: DossierRole[] = ["referent", "applicant", "advisor", "holder", "staff", "readonly"];

// "yes" cells of the design's table (holder is an advisor; partner and coordinator are not dossier roles).
const table: Record<DossierAction, DossierRole[]> = {
  // T4: a read-only copy kept after a transfer reads, may drop itself (leave), and does nothing else.
  "dossier.read": ["referent", "applicant", "advisor", "holder", "staff", "readonly"],
  "document.upload": ["referent", "applicant", "advisor", "holder", "staff"],
  "message.post": ["referent", "applicant", "advisor", "holder", "staff"],
  "recommendation.create": ["advisor", "holder", "staff"],
  "recommendation.status": ["referent", "applicant", "advisor", "holder", "staff"],
  "dossier.pause": ["referent", "staff"],
  "dossier.leave": ["applicant", "advisor", "readonly"],
  "solicitation.create": ["advisor", "holder", "staff"],
  "party.manage": ["advisor", "holder", "staff"],
  "billing.manage": ["advisor", "holder", "staff"],
  "dossier.transfer": ["holder", "staff"],
  "dossier.advisorSide": ["advisor", "holder", "staff"],
  "fields.applicant": ["referent", "applicant"],
  "fields.internal": ["advisor", "holder", "staff"],
};

describe("A1: the permission table", () => {
  it("covers every action of the design", () => {
    expect(Object.keys(dossierPermissions).sort()).toEqual(Object.keys(table).sort());
  });
  for (const [action, allowed] of Object.entries(table) as [DossierAction, DossierRole[]][]) {
    for (const role of roles) {
      const expected = allowed.includes(role);
      it(`${action}: ${role} ${expected ? "may" : "may not"}`, () => {
        expect(can([role], action)).toBe(expected);
      });
    }
  }
  it("a user with no role on the dossier may do nothing", () => {
    for (const action of Object.keys(table) as DossierAction[]) expect(can([], action)).toBe(false);
  });
  it("roles add up: an applicant who is also staff may pause", () => {
    expect(can(["applicant"], "dossier.pause")).toBe(false);
    expect(can(["applicant", "staff"], "dossier.pause")).toBe(true);
  });
});
