// X7: names never show an address, and text with control, invisible-only or bidi-override content is
// refused or cleaned at the edge.
import { describe, expect, it } from "vitest";
import { bodyProblem, sendMessageSchema } from "./conversation/schema";
import { cleanName } from "./document/schema";
import { createDossierSchema } from "./membership/schema";
import { createRecommendationSchema } from "./recommendation/schema";
import { displayName, lineText } from "./text";

describe("X7: names", () => {
  it("X7: a user without a name is shown by the part before the @, never the address", () => {
    expect(displayName({ name: null, email: "lea.martin@cabinet.test" })).toBe("lea.martin");
    expect(displayName({ name: "   ", email: "lea.martin@cabinet.test" })).toBe("lea.martin");
    expect(displayName({ name: "Léa Martin", email: "lea.martin@cabinet.test" })).toBe("Léa Martin");
  });
});

describe("X7: text at the edge", () => {
  const dossier = { organizationId: "o1", referentEmail: "p@x.test", applicantEmails: [], advisorEmails: [] };

  it("X7: a dossier title with NUL, CR or LF is refused (it would reach an email subject)", () => {
    for (const title of ["Audit\u0000", "Audit\r\nBcc: x@evil.test", "Audit\nsuite"])
      expect(createDossierSchema.safeParse({ ...dossier, title }).success).toBe(false);
    expect(createDossierSchema.safeParse({ ...dossier, title: "  Audit énergétique  " }).data?.title).toBe(
      "Audit énergétique",
    );
  });

  it("X7: a title of zero-width spaces only is refused; bidi overrides are removed", () => {
    expect(lineText(100).safeParse("\u200b\u200b\u200b").success).toBe(false);
    expect(lineText(100).parse("Facture \u202Efdp.exe")).toBe("Facture fdp.exe");
    const reco = createRecommendationSchema.safeParse({ dossierId: "d", title: "\u200b\u200c", body: "" });
    expect(reco.success).toBe(false);
    expect(createRecommendationSchema.safeParse({ dossierId: "d", title: "Isoler\u0007", body: "" }).success).toBe(
      false,
    );
  });

  it("X7: a message of zero-width spaces only is empty; control characters are refused; bidi removed", () => {
    const parse = (body: string) => sendMessageSchema.parse({ dossierId: "d", clientId: "client-123", body }).body;
    expect(bodyProblem(parse("\u200b\u200b \u200d"))).toBe("message.empty");
    expect(bodyProblem(parse("Bonjour\u0000"))).toBe("message.invalidCharacters");
    expect(bodyProblem(parse("Ligne 1\r\nLigne 2\tfin"))).toBeNull();
    expect(parse("Ligne 1\r\nLigne 2")).toBe("Ligne 1\nLigne 2");
    expect(parse("voir \u202Etxt.exe")).toBe("voir txt.exe");
  });

  it("X7: file names lose control, invisible and bidi characters", () => {
    expect(cleanName("cv\u202Efdp.exe")).toBe("cvfdp.exe");
    expect(cleanName("../../etc/pa\u0000ss\u200bwd.txt")).toBe("passwd.txt");
  });
});
