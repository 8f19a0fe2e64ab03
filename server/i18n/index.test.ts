// Issue 17: t() formats ICU messages (plurals, selects, numbers) in the message's language, elides French
// "de" before a vowel, and never throws on a missing parameter outside tests.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { compile, elides, intlLocale, messageFormatters, t } from "./index";

describe("t()", () => {
  it("I4: French plurals take the singular for 0 and 1", () => {
    expect(t("fr", "dashboard.openRecommendations", { count: 0 })).toBe("0 recommandation ouverte");
    expect(t("fr", "dashboard.openRecommendations", { count: 1 })).toBe("1 recommandation ouverte");
    expect(t("fr", "dashboard.openRecommendations", { count: 2 })).toBe("2 recommandations ouvertes");
    expect(t("fr", "dashboard.unread", { count: 4 })).toBe("4 non lus");
    expect(t("fr", "dashboard.unread", { count: 1 })).toBe("1 non lu");
    expect(t("fr", "solicitation.counts", { asked: 1, answered: 0 })).toBe("1 sollicité / 0 répondu");
    expect(t("fr", "solicitation.counts", { asked: 3, answered: 2 })).toBe("3 sollicités / 2 répondus");
    expect(t("fr", "pause.autoRun.last", { date: "1 mars", count: 0 })).toBe(
      "Dernier passage le 1 mars : 0 dossier mis en pause.",
    );
  });

  it("I4: English plurals take the plural for 0 and 2, the singular for 1", () => {
    expect(t("en", "dashboard.openRecommendations", { count: 0 })).toBe("0 open recommendations");
    expect(t("en", "dashboard.openRecommendations", { count: 1 })).toBe("1 open recommendation");
    expect(t("en", "dashboard.openRecommendations", { count: 2 })).toBe("2 open recommendations");
    expect(t("en", "pause.autoRun.last", { date: "1 March", count: 1 })).toBe("Last run on 1 March: 1 dossier paused.");
    expect(t("en", "reminder.settings.toAll", { weeks: 1 })).toBe(
      "Reminders go to every applicant-side member, every week.",
    );
    expect(t("en", "reminder.settings.toAll", { weeks: 2 })).toBe(
      "Reminders go to every applicant-side member, every 2 weeks.",
    );
  });

  it("I4: numbers are written the way the language writes them", () => {
    expect(t("fr", "search.count", { n: 12345 })).toBe("12\u202f345 résultats");
    expect(t("en", "search.count", { n: 12345 })).toBe("12,345 results");
    // an invoice number is an identifier: never grouped
    expect(t("fr", "billing.invoice", { number: 12345 })).toBe("Facture n° 12345");
  });

  it("I14: compiling a message does not ask V8 for its whole locale list (25 ms on a first render); the locale is the language's", () => {
    const supported = vi.spyOn(Intl.NumberFormat, "supportedLocalesOf");
    try {
      for (const locale of ["fr", "en"] as const) {
        const c = compile(locale, "{count, plural, one {# dossier} other {# dossiers}}");
        if (typeof c === "string") throw new Error("expected a compiled message");
        expect(c.format.resolvedOptions().locale).toBe(locale === "fr" ? "fr-FR" : "en-GB");
        expect(c.format.format({ count: 1200 })).toBe(locale === "fr" ? "1\u202f200 dossiers" : "1,200 dossiers");
      }
      expect(supported).not.toHaveBeenCalled();
    } finally {
      supported.mockRestore();
    }
  });

  it("I6: French elides de before a vowel or a mute h, not before a consonant", () => {
    expect(t("fr", "digest.intro.weekly", { organization: "Agence Nord" })).toBe(
      "Voici votre semaine dans les dossiers d’Agence Nord.",
    );
    expect(t("fr", "digest.intro.weekly", { organization: "Relais Sud" })).toBe(
      "Voici votre semaine dans les dossiers de Relais Sud.",
    );
    expect(t("en", "digest.intro.weekly", { organization: "Agence Nord" })).toBe(
      "Here is your week in the Agence Nord dossiers.",
    );
    expect(["Agence", "Élise", "Hôtel-Dieu", "Yves", "œuvre", "Urssaf"].map(elides)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["Relais", "Haute-Savoie", "Yaoundé", "Hollande", "", "3F"].map(elides)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("I7: a message without placeholders is returned as written; text that looks like a tag stays text", () => {
    expect(t("fr", "nav.dossiers")).toBe("Dossiers");
    expect(t("en", "login.linkError")).toBe(
      "This sign-in link is no longer valid: it was already used or has expired. Ask for a new one.",
    );
    const c = compile("fr", "Écrivez <b>{name}</b>");
    expect(typeof c !== "string" && c.format.format({ name: "x" })).toBe("Écrivez <b>x</b>");
  });

  it("I7: a missing parameter fails under tests (production shows {name} instead of throwing)", () => {
    expect(() => t("fr", "dashboard.unread")).toThrow(/count/);
    expect(() => t("fr", "digest.intro.weekly", {})).toThrow(/organization/);
  });

  it("I7: in production a missing parameter shows as {name} and never throws", () => {
    vi.stubEnv("NODE_ENV", "production");
    try {
      expect(t("fr", "digest.intro.weekly", {})).toBe("Voici votre semaine dans les dossiers de {organization}.");
      expect(t("en", "dashboard.unread", {})).toBe("{count} unread");
      expect(t("fr", "coordination.all", {})).toBe("Tous les dossiers actifs ({n})");
      // a count missing from a plural cannot pick a form: the text still comes, with "NaN" for the number
      expect(t("en", "dashboard.openRecommendations")).toBe("NaN open recommendations");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("I15: a plural's count is written as Intl writes it, for every count under 1,000 and any other number", () => {
    for (const locale of ["fr", "en"] as const) {
      const ours = messageFormatters.getNumberFormat(intlLocale[locale]);
      const intl = new Intl.NumberFormat(intlLocale[locale]);
      for (let n = 0; n < 1000; n++) expect(ours.format(n)).toBe(intl.format(n));
      fc.assert(fc.property(fc.double({ noNaN: true }), (n) => ours.format(n) === intl.format(n)));
      fc.assert(fc.property(fc.integer(), (n) => ours.format(n) === intl.format(n)));
    }
    expect(t("fr", "dashboard.unread", { count: 1200 })).toBe("1\u202f200 non lus");
    expect(t("en", "dashboard.openRecommendations", { count: 1200 })).toBe("1,200 open recommendations");
  });

  it("I15: counts outside plurals are grouped as each language writes them", () => {
    expect(t("en", "dashboard.unread", { count: 1200 })).toBe("1,200 unread");
    expect(t("en", "dashboard.unread", { count: 3 })).toBe("3 unread");
    expect(t("fr", "coordination.all", { n: 12345 })).toBe("Tous les dossiers actifs (12\u202f345)");
    expect(t("en", "coordination.all", { n: 12345 })).toBe("All active dossiers (12,345)");
    expect(t("en", "billing.selected", { n: 1000 })).toBe("1,000 selected");
  });

  it("I15: an invoice's number (::group-off) is written as Intl writes it, for any number", () => {
    for (const locale of ["fr", "en"] as const) {
      const ours = messageFormatters.getNumberFormat(intlLocale[locale], { useGrouping: false });
      const intl = new Intl.NumberFormat(intlLocale[locale], { useGrouping: false });
      for (const n of [0, 1, 999, 1000, 12345, Number.MAX_SAFE_INTEGER, -0, -3, 2 ** 60, 1.5])
        expect(ours.format(n)).toBe(intl.format(n));
      fc.assert(fc.property(fc.integer(), (n) => ours.format(n) === intl.format(n)));
      fc.assert(fc.property(fc.double({ noNaN: true }), (n) => ours.format(n) === intl.format(n)));
    }
    expect(t("fr", "billing.invoice", { number: 12345 })).toBe("Facture n° 12345");
  });

  it("I15: formatting a plural with a small count makes no Intl.NumberFormat (its data costs a slow phone 150 ms)", async () => {
    vi.resetModules();
    const Real = Intl.NumberFormat;
    let made = 0;
    Intl.NumberFormat = function (...args: ConstructorParameters<typeof Intl.NumberFormat>) {
      made++;
      return new Real(...args);
    } as typeof Intl.NumberFormat;
    try {
      const fresh = await import("./index");
      expect(fresh.t("fr", "dashboard.unread", { count: 3 })).toBe("3 non lus");
      expect(fresh.t("en", "dashboard.openRecommendations", { count: 1 })).toBe("1 open recommendation");
      expect(fresh.t("fr", "billing.invoice", { number: 2026 })).toBe("Facture n° 2026");
      expect(fresh.t("en", "dashboard.unread", { count: 3 })).toBe("3 unread");
      expect(made).toBe(0);
      expect(fresh.t("fr", "dashboard.unread", { count: 4000 })).toBe("4\u202f000 non lus");
      expect(made).toBe(1);
    } finally {
      Intl.NumberFormat = Real;
    }
  });
});
