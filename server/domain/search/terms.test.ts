// C9: the query side of French-aware search, the same for both providers.
import { describe, expect, it } from "vitest";
import { fold, ftsQuery, MAX_TERMS, snippet, stem, tsQuery, words } from "./terms";

describe("C9: folding and the light French stemmer", () => {
  it("C9: accents and case are folded", () => {
    expect(fold("École Élève Noël ÇA")).toBe("ecole eleve noel ca");
  });

  it("C9: singular and plural, masculine and feminine share a prefix", () => {
    const same = (a: string, b: string) => {
      const [x, y] = [stem(fold(a)), stem(fold(b))];
      expect(fold(b).startsWith(x) || fold(a).startsWith(y), `${a} / ${b}: ${x} ${y}`).toBe(true);
    };
    same("école", "écoles");
    same("devis", "Devis");
    same("chaudière", "chaudières");
    same("bureau", "bureaux");
    same("travail", "travaux");
    same("naturel", "naturelle");
    same("bon", "bonne");
    same("vendeur", "vendeuse");
    same("conseiller", "conseillère");
    same("créé", "créées");
    same("rapide", "rapidement");
  });

  it("C9: a stem keeps at least three letters, and short or meaningful words stay whole", () => {
    expect(stem("mur")).toBe("mur");
    expect(stem("murs")).toBe("mur");
    expect(stem("ete")).toBe("ete");
    expect(stem("logement")).toBe("logement");
    expect(stem("ecoles")).toBe("ecol");
    expect(stem("2026")).toBe("2026");
  });
});

describe("C9: queries", () => {
  it("C9: words are folded, split on punctuation, without stop words or repeats, at most MAX_TERMS", () => {
    expect(words("Le devis de l'École, le DEVIS !")).toEqual(["devis", "ecole"]);
    expect(words("de la")).toEqual([]);
    expect(words("Nous avons le devis")).toEqual(["avons", "devis"]);
    expect(words(Array.from({ length: 12 }, (_, i) => `mot${i}`).join(" "))).toHaveLength(MAX_TERMS);
  });

  it("C9: FTS5 gets quoted prefixes of stems (no operator of the user's reaches it), PostgreSQL the words", () => {
    expect(ftsQuery(words('écoles "OR" NEAR(x) devis*'))).toBe('"ecol"* "or"* "near"* "devi"*');
    expect(tsQuery(words("écoles & devis | !x"))).toBe("ecoles & devis");
  });
});

describe("C9: snippets", () => {
  it("C9: the matching words are marked, accents and case kept", () => {
    expect(snippet("Devis de l'École reçu", ["ecoles", "devis"])).toEqual([
      { text: "Devis", hit: true },
      { text: " de l'", hit: false },
      { text: "École", hit: true },
      { text: " reçu", hit: false },
    ]);
  });

  it("C9: a long text is cut around the first match, never inside a word", () => {
    const text = `${"début ".repeat(60)}la chaudière est ancienne ${"fin ".repeat(60)}`;
    const parts = snippet(text, ["chaudiere"], 80);
    expect(parts[0].text.startsWith("…")).toBe(true);
    expect(parts[parts.length - 1].text.endsWith("…")).toBe(true);
    expect(parts.find((p) => p.hit)?.text).toBe("chaudière");
    const shown = parts.map((p) => p.text).join("");
    expect(shown.length).toBeLessThanOrEqual(82);
    expect(shown).toMatch(/^…(\s|début|la)/);
    expect(shown).toMatch(/(fin|\s)…$/);
  });

  it("C9: no match (a title found by another word form) shows the start of the text", () => {
    expect(snippet("Rénovation", ["zzz"])).toEqual([{ text: "Rénovation", hit: false }]);
  });
});
