import { describe, expect, it } from "vitest";
import { describeRecommendationOrDocumentEvent } from "./describe";

const reco = {
  id: "r",
  dossierId: "d",
  title: "Audit",
  body: "",
  link: null,
  document: null,
  status: "in_progress",
  author: { id: "a", name: "Adèle" },
  statusChangedAt: "",
  statusChangedBy: null,
  createdAt: "",
  seq: 2,
};

describe("R2: recommendation events read in words, with who, from and to", () => {
  it("R2: a status change names who and both statuses, in the reader's language", () => {
    const payload = { recommendation: reco, from: "proposed", to: "in_progress", byUserId: "p", byName: "Paul" };
    expect(describeRecommendationOrDocumentEvent("fr", "recommendation.status_changed", payload, "?")).toBe(
      "Paul a passé « Audit » de « Proposée » à « En cours »",
    );
    expect(describeRecommendationOrDocumentEvent("en", "recommendation.status_changed", payload, "?")).toBe(
      "Paul moved “Audit” from “Proposed” to “In progress”",
    );
  });

  it("creation, edit and upload read in words; other types are left to the caller", () => {
    expect(describeRecommendationOrDocumentEvent("fr", "recommendation.created", { recommendation: reco }, "?")).toBe(
      "Adèle a proposé la recommandation « Audit »",
    );
    expect(
      describeRecommendationOrDocumentEvent(
        "fr",
        "recommendation.updated",
        { recommendation: reco, byName: "Arnaud" },
        "?",
      ),
    ).toBe("Arnaud a modifié la recommandation « Audit »");
    const document = {
      id: "x",
      dossierId: "d",
      name: "plans.pdf",
      mimeType: "application/pdf",
      size: 3,
      uploadedBy: { id: "m", name: "Marie" },
      createdAt: "",
    };
    expect(describeRecommendationOrDocumentEvent("fr", "document.uploaded", { document }, "?")).toBe(
      "Marie a déposé le document « plans.pdf »",
    );
    expect(describeRecommendationOrDocumentEvent("fr", "message.created", {}, "?")).toBeNull();
  });
});
