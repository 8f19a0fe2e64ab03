// Issue 17: fr and en are complete, every message is valid ICU in both languages, and both languages
// ask the same parameters (a French-only derived `xElides` counts as its base `x`).
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { fr } from "./fr";
import { compile, ELIDES_SUFFIX, t, type Locale, type MessageKey } from "./index";

const catalogues: Record<Locale, Record<string, string>> = { fr, en };

function params(locale: Locale, text: string): string[] {
  const c = compile(locale, text);
  if (typeof c === "string") return [];
  return [
    ...new Set([...c.variables].map((v) => (v.endsWith(ELIDES_SUFFIX) ? v.slice(0, -ELIDES_SUFFIX.length) : v))),
  ].sort();
}

describe("catalogues", () => {
  it("I1: every key of one language exists in the other", () => {
    expect(Object.keys(en).filter((k) => !Object.hasOwn(fr, k))).toEqual([]);
    expect(Object.keys(fr).filter((k) => !Object.hasOwn(en, k))).toEqual([]);
  });

  it("I1: type-level: a catalogue missing a key, or an unknown key, does not compile (checked by tsc)", () => {
    // @ts-expect-error: en.ts is typed Record<keyof typeof fr, string>; a key missing fails `npx tsc`
    const incomplete: Record<MessageKey, string> = { "app.name": "Relais" };
    // @ts-expect-error: t() only takes keys of the catalogue
    const unknown = () => t("en", "no.such.key");
    expect(Object.keys(incomplete)).toHaveLength(1);
    expect(typeof unknown).toBe("function");
  });

  it("I1: no message is empty", () => {
    for (const locale of ["fr", "en"] as const)
      expect(
        Object.entries(catalogues[locale])
          .filter(([, v]) => !v.trim())
          .map(([k]) => `${locale} ${k}`),
      ).toEqual([]);
  });

  it("I2: every message of both catalogues parses as ICU MessageFormat", () => {
    const broken: string[] = [];
    for (const locale of ["fr", "en"] as const)
      for (const [key, text] of Object.entries(catalogues[locale]))
        try {
          compile(locale, text);
        } catch (error) {
          broken.push(`${locale} ${key}: ${(error as Error).message}`);
        }
    expect(broken).toEqual([]);
  });

  it("I2: no apostrophe turns a placeholder into quoted text (write ’ before a brace)", () => {
    const quoted = Object.entries({ ...prefix("fr", fr), ...prefix("en", en) }).filter(([, v]) => /'[{}#|]/.test(v));
    expect(quoted.map(([k]) => k)).toEqual([]);
  });

  it("I13: French text writes its apostrophes ’, never ' (also ICU's quoting character)", () => {
    expect(
      Object.entries(fr)
        .filter(([, v]) => v.includes("'"))
        .map(([k, v]) => `${k}: ${v}`),
    ).toEqual([]);
  });

  it("I3: fr and en messages ask the same parameters", () => {
    const differ = Object.keys(fr)
      .map((key) => ({
        key,
        fr: params("fr", fr[key as keyof typeof fr]),
        en: params("en", en[key as keyof typeof en]),
      }))
      .filter((m) => m.fr.join() !== m.en.join());
    expect(differ).toEqual([]);
  });

  it("I4: no '(s)' plural is left: counts use ICU plural", () => {
    const bad = Object.entries({ ...prefix("fr", fr), ...prefix("en", en) }).filter(([, v]) => /\w\(s\)/.test(v));
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  it("I5: no French spacing before a colon, ? or ! in English", () => {
    expect(
      Object.entries(en)
        .filter(([, v]) => /[^\s] [:;?!](\s|$)/.test(v))
        .map(([k]) => k),
    ).toEqual([]);
  });
});

function prefix(locale: string, c: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [`${locale} ${k}`, v]));
}
