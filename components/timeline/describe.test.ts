// P7, P9: how timeline entries and conversation system lines read, for every kind of event.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describePauseEvent } from "../pause/describe";
import { describeEvent, newestFirst } from "./describe";

describe("timeline entries", () => {
  it("K1: a client made inactive reads with who and which client", () => {
    const v = describeEvent(
      "fr",
      {
        type: "party.status_changed",
        payload: { partyId: "p", name: "Luc Martin", active: false, byName: "Adèle Conseil" },
      },
      "Adèle Conseil",
    );
    expect(v.title).toBe("Adèle Conseil a rendu Luc Martin inactif");
    expect(
      describeEvent("en", { type: "party.status_changed", payload: { name: "Luc Martin", active: true } }, "Adèle")
        .title,
    ).toBe("Adèle made Luc Martin active");
    expect(
      describeEvent(
        "fr",
        { type: "invoice.issued", payload: { invoices: [{ number: 4 }, { number: 5 }], byName: "Adèle" } },
        "Adèle",
      ).title,
    ).toBe("Adèle a validé une proforma en facture (n° 4, 5)");
    expect(
      describeEvent("fr", { type: "invoice.cancelled", payload: { number: 5, creditNumber: 6 } }, "Adèle").title,
    ).toBe("Adèle a annulé la facture n° 5 par l’avoir n° 6");
  });

  it("P7, P9: a manual pause says who, the reason and the comment", () => {
    const v = describeEvent(
      "fr",
      {
        type: "dossier.paused",
        payload: {
          cause: "manual",
          reason: "too_many_emails",
          comment: "Stop",
          byUserId: "u1",
          byName: "Paul Demandeur",
        },
      },
      "Paul Demandeur",
    );
    expect(v).toEqual({
      title: "Paul Demandeur a mis le dossier en pause",
      details: ["Motif : Trop de relances par email", "Stop"],
      actorName: "Paul Demandeur",
      automatic: false,
    });
    expect(
      describeEvent(
        "en",
        { type: "dossier.paused", payload: { cause: "manual", reason: "other", byName: "Paul" } },
        null,
      ).details,
    ).toEqual(["Reason: Other"]);
  });

  it("P7: an automatic pause says inactivity and names nobody", () => {
    const v = describeEvent(
      "fr",
      { type: "dossier.paused", payload: { cause: "inactivity", delayDays: 365, byUserId: null, byName: null } },
      null,
    );
    expect(v).toMatchObject({
      title: "Dossier mis en pause automatiquement : aucune visite d’un membre demandeur depuis 365 jours",
      actorName: null,
      automatic: true,
    });
  });

  it("P7: reactivations say by whose hand or by whose activity", () => {
    expect(
      describeEvent(
        "fr",
        { type: "dossier.reactivated", payload: { cause: "manual", byUserId: "s", byName: "Sam Staff" } },
        null,
      ).title,
    ).toBe("Sam Staff a réactivé le dossier");
    const act = describeEvent(
      "fr",
      {
        type: "dossier.reactivated",
        payload: { cause: "activity", byUserId: "m", byName: "Marie", activity: "recommendation" },
      },
      null,
    );
    expect(act).toMatchObject({
      title: "Dossier réactivé : Marie a changé le statut d’une recommandation",
      actorName: "Marie",
      automatic: true,
    });
  });

  it("P7: a message reads 'X a écrit' with an excerpt; unknown types show generically with who and a title", () => {
    const m = describeEvent(
      "fr",
      { type: "message.created", payload: { body: "Bonjour\n  à tous", author: { id: "a", name: "Adèle" } } },
      null,
    );
    expect(m).toMatchObject({ title: "Adèle a écrit", details: ["Bonjour à tous"] });
    const r = describeEvent(
      "fr",
      {
        type: "recommendation.status_changed",
        payload: { recommendation: { title: "Isoler les combles" }, to: "done", byName: "Marie" },
      },
      null,
    );
    expect(r).toMatchObject({
      title: "Marie a passé une recommandation à « Faite »",
      details: ["Isoler les combles"],
      actorName: "Marie",
    });
    const d = describeEvent(
      "fr",
      { type: "document.uploaded", payload: { document: { name: "plans.pdf", uploadedBy: { name: "Paul" } } } },
      null,
    );
    expect(d).toMatchObject({ title: "Paul a déposé un fichier", details: ["plans.pdf"], actorName: "Paul" });
    expect(describeEvent("fr", { type: "member.added", payload: { name: "Marie", byName: "Adèle" } }, null).title).toBe(
      "Adèle a ajouté Marie au dossier",
    );
    const s = describeEvent(
      "fr",
      { type: "widget.created", payload: { title: "Avis financier", by: { name: "Adèle" } } },
      null,
    );
    expect(s).toMatchObject({
      title: "Adèle : widget · created",
      details: ["Avis financier"],
      actorName: "Adèle",
    });
    expect(describeEvent("fr", { type: "partner.attached", payload: null }, null).title).toBe(
      "Quelqu’un : partner · attached",
    );
  });

  it("P9: only pause and reactivation events make conversation system lines", () => {
    expect(describePauseEvent("fr", "message.created", {})).toBeNull();
    expect(
      describePauseEvent("fr", "dossier.paused", { cause: "manual", reason: "bogus", byName: "X" })?.reason,
    ).toBeUndefined();
  });
});

/** Every event type the domain declares: `export const X = "area.what"` in server/domain/<area>/events.ts. */
function declaredEventTypes(): string[] {
  const root = path.join(import.meta.dirname, "../../server/domain");
  const types = new Set<string>();
  for (const area of fs.readdirSync(root)) {
    const file = path.join(root, area, "events.ts");
    if (!fs.existsSync(file)) continue;
    for (const m of fs.readFileSync(file, "utf8").matchAll(/export const [A-Z_]+ = "([a-z_]+\.[a-z_]+)"/g))
      types.add(m[1]);
  }
  return [...types].sort();
}

describe("issue 17 item 3: every event type reads as a sentence", () => {
  const types = declaredEventTypes();

  it("I9: the domain's event types are found (the scan itself works)", () => {
    expect(types).toEqual(
      expect.arrayContaining(["message.created", "solicitation.attached", "dossier.status_changed", "task.changed"]),
    );
    expect(types.length).toBeGreaterThan(30);
  });

  for (const locale of ["fr", "en"] as const)
    it(`I9: no ${locale} timeline entry shows a raw code, with or without a payload`, () => {
      const raw = types.filter((type) => {
        const titles = [
          describeEvent(locale, { type, payload: {} }, "Adèle").title,
          describeEvent(locale, { type, payload: null }, null).title,
        ];
        const code = type.replace(/[._]/g, (c) => (c === "." ? " · " : " "));
        return titles.some((title) => title.includes(code) || title.includes(type) || /\{\w+\}/.test(title));
      });
      expect(raw).toEqual([]);
    });

  it("I9: solicitation, status and billing entries read in words in both languages", () => {
    const sol = { type: "solicitation.attached", payload: { solicitationId: "s", scope: "legal", byName: "Léa" } };
    expect(describeEvent("fr", sol, null).title).toMatch(/^Léa a rattaché la sollicitation \(périmètre : .+\)$/);
    expect(describeEvent("en", sol, null).title).toMatch(/^Léa attached the solicitation \(scope: .+\)$/);
    const auto = { type: "solicitation.reminded", payload: { solicitationId: "s", scope: "x", byName: null } };
    expect(describeEvent("en", auto, null).title).toBe("Automatic reminder to the partner (scope: x)");
    const status = { type: "dossier.status_changed", payload: { status: "s2", label: "Instruction", byName: "Sam" } };
    expect(describeEvent("en", status, null).title).toBe("Sam moved the dossier to the status “Instruction”");
    const fields = { type: "dossier.fields_changed", payload: { keys: ["a"], byName: "Sam" } };
    expect(describeEvent("fr", fields, null).title).toBe("Sam a modifié 1 champ du dossier");
    const moved = {
      type: "activity.moved_out",
      payload: { activityIds: ["a", "b"], totalCents: 123456, byName: "Sam" },
    };
    expect(describeEvent("fr", moved, null).title).toBe(
      "Sam a déplacé 2 activités vers un autre dossier (1\u202f234,56\u00a0€)",
    );
    const shown = { type: "document.partner_visibility", payload: { document: { name: "plan.pdf" }, visible: true } };
    expect(describeEvent("en", shown, null)).toMatchObject({
      title: "A document is now visible to partners",
      details: ["plan.pdf"],
    });
  });

  it("I10: entries read newest first by date, then by seq", () => {
    const list = [
      { seq: 3, at: "2026-01-01T10:00:00Z" },
      { seq: 1, at: "2026-03-01T10:00:00Z" },
      { seq: 2, at: "2026-03-01T10:00:00Z" },
    ].sort(newestFirst);
    expect(list.map((e) => e.seq)).toEqual([2, 1, 3]);
  });
});
