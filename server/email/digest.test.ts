// N4, N2: how digest lines and the digest email read, in both languages, escaped, with a cap per dossier.
import { describe, expect, it } from "vitest";
import { reminderEmail } from "./reminder";
import { describeDigestEvent, digestSection, MAX_ITEMS_PER_DOSSIER, type DigestEvent } from "../domain/digest/content";
import { digestEmail } from "./digest";

const at = new Date("2026-11-24T09:00:00Z");
const ev = (seq: number, type: string, payload: unknown): DigestEvent => ({ seq, type, payload, at });

describe("digest lines", () => {
  it("N4: every reported type reads in words, in French and English", () => {
    const reco = { title: "Isoler les combles", author: { id: "a", name: "Adèle" } };
    const cases: [DigestEvent, string, string][] = [
      [
        ev(1, "message.created", { id: "m", body: "Bonjour", author: { id: "a", name: "Adèle" } }),
        "Adèle a écrit",
        "Adèle wrote",
      ],
      [
        ev(2, "recommendation.created", { recommendation: reco }),
        "Adèle a proposé une recommandation",
        "Adèle proposed a recommendation",
      ],
      [
        ev(3, "recommendation.status_changed", { recommendation: reco, from: "proposed", to: "done", byName: "Paul" }),
        "Paul a passé une recommandation de « Proposée » à « Faite »",
        "Paul moved a recommendation from “Proposed” to “Done”",
      ],
      [
        ev(4, "document.uploaded", { document: { name: "plan.pdf", uploadedBy: { name: "Marie" } } }),
        "Marie a déposé un fichier",
        "Marie uploaded a file",
      ],
      [
        ev(5, "dossier.paused", { cause: "manual", byName: "Paul" }),
        "Paul a mis le dossier en pause",
        "Paul paused the dossier",
      ],
      [
        ev(6, "dossier.paused", { cause: "inactivity", byName: null }),
        "Le dossier a été mis en pause automatiquement (inactivité)",
        "The dossier was paused automatically (inactivity)",
      ],
      [
        ev(7, "dossier.reactivated", { cause: "manual", byName: "Sam" }),
        "Dossier réactivé par Sam",
        "Dossier reactivated by Sam",
      ],
      [
        ev(8, "member.added", { name: "Marie", byName: "Paul" }),
        "Paul a ajouté Marie au dossier",
        "Paul added Marie to the dossier",
      ],
      [ev(9, "member.left", { name: "Marie" }), "Marie a quitté le dossier", "Marie left the dossier"],
    ];
    for (const [e, fr, en] of cases) {
      expect(describeDigestEvent("fr", e)?.text).toBe(fr);
      expect(describeDigestEvent("en", e)?.text).toBe(en);
    }
    expect(describeDigestEvent("fr", cases[0][0])?.detail).toBe("Bonjour");
    expect(describeDigestEvent("fr", cases[1][0])?.detail).toBe("Isoler les combles");
  });

  it("N4: other types are left out, and a dossier with nothing to tell has no section", () => {
    expect(describeDigestEvent("fr", ev(1, "solicitation.created", {}))).toBeNull();
    expect(digestSection("fr", { id: "d", title: "D", url: "u" }, [ev(1, "typing", {})])).toBeNull();
  });

  it("N4: a section keeps the first lines in order and counts the rest", () => {
    const events = Array.from({ length: MAX_ITEMS_PER_DOSSIER + 5 }, (_, i) =>
      ev(100 - i, "message.created", { body: `m${100 - i}`, author: { name: "A" } }),
    );
    const s = digestSection("fr", { id: "d", title: "D", url: "u" }, events)!;
    expect(s.items).toHaveLength(MAX_ITEMS_PER_DOSSIER);
    expect(s.items[0].seq).toBeLessThan(s.items[1].seq);
    expect(s.more).toBe(5);
    expect(
      digestEmail("fr", { frequency: "daily", organization: "O", sections: [s], settingsUrl: "s" }).text,
    ).toContain("… et 5 autres événements dans le dossier");
  });
});

describe("digest and reminder emails", () => {
  it("N4, N5: HTML escapes what people wrote; the text version carries the links", () => {
    const s = digestSection("fr", { id: "d1", title: "École <b>", url: "http://x/dossiers/d1" }, [
      ev(1, "message.created", { body: '<script>alert("x")</script>', author: { name: "Eve <img>" } }),
    ])!;
    const mail = digestEmail("fr", {
      frequency: "weekly",
      organization: "Nord & Co",
      sections: [s],
      settingsUrl: "http://x/settings",
      unsubscribeUrl: "http://x/unsubscribe?u=1&s=2",
    });
    expect(mail.subject).toBe("Votre résumé de la semaine — Nord & Co");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.html).toContain("École &lt;b&gt;");
    expect(mail.html).toContain('href="http://x/unsubscribe?u=1&amp;s=2"');
    expect(mail.text).toContain('<script>alert("x")</script>');
    expect(mail.text).toContain("Ouvrir le dossier : http://x/dossiers/d1");
    expect(mail.text).toContain("Se désabonner : http://x/unsubscribe?u=1&s=2");
  });

  it("I6: the French digest elides de before a vowel (d’Agence Nord), not before a consonant", () => {
    const s = digestSection("fr", { id: "d", title: "D", url: "u" }, [
      ev(1, "message.created", { body: "b", author: { name: "A" } }),
    ])!;
    const daily = (organization: string, locale: "fr" | "en" = "fr") =>
      digestEmail(locale, { frequency: "daily", organization, sections: [s], settingsUrl: "s" }).text;
    expect(daily("Agence Nord")).toContain("dans vos dossiers d’Agence Nord depuis");
    expect(daily("Relais Sud")).toContain("dans vos dossiers de Relais Sud depuis");
    expect(daily("Agence Nord", "en")).not.toMatch(/d’|\S [:;!?](\s|$)/m);
  });

  it("R3, N2: the reminder lists the open recommendations with their status, in the recipient's language", () => {
    const p = {
      title: "École",
      organization: "Nord",
      recommendations: [{ title: "Audit <énergie>", status: "in_progress" as const }],
      url: "http://x/r",
      weeks: 6,
      unsubscribeUrl: "http://x/u",
    };
    const fr = reminderEmail("fr", p);
    expect(fr.text).toContain("- Audit <énergie> (En cours)");
    expect(fr.text).toContain("Voir les recommandations : http://x/r");
    expect(fr.html).toContain("Audit &lt;énergie&gt; (En cours)");
    const en = reminderEmail("en", p);
    expect(en.subject).toBe("Reminder: recommendations are waiting — École");
    expect(en.text).toContain("every 6 weeks");
  });
});
