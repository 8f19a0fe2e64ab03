// Message catalogue lookup, shared by server and browser code (no Node imports here). Messages are ICU
// MessageFormat (intl-messageformat): `{count, plural, one {# message} other {# messages}}`, selects, and
// numbers/dates formatted in the message's language. French elision ("d’Agence Nord") uses a derived
// select: for every text parameter `x`, a message may ask `{xElides, select, yes {d’} other {de }}{x}`
// (see elides()). A `'` before `{`, `}` or `#` starts ICU quoted text: write French apostrophes as ’.
import { catalogues } from "#i18n/catalogues";
import { IntlMessageFormat, type Formatters } from "intl-messageformat";
import type { fr } from "./fr";

export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];
export type MessageKey = keyof typeof fr;
export type MessageParams = Record<string, string | number | Date>;
export type Catalogue = Record<MessageKey, string>;

/** The Intl locale each language formats numbers and dates with. */
export const intlLocale: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

// IntlMessageFormat resolves every message's locale through Intl.NumberFormat.supportedLocalesOf, whose
// first call makes V8 list all the locales it has: about 25 ms here, some 100 ms of blocked main thread
// under Lighthouse's 4× slower mobile CPU, in the first render that formats a message with a parameter
// (the settings page's hydration). Our two Intl locales are always supported: the same Intl.Locale, directly.
IntlMessageFormat.resolveLocale = (locales) => new Intl.Locale(Array.isArray(locales) ? locales[0] : locales);

// Issue 17: the `#` of a plural is nearly always a small count, and formatting it through
// Intl.NumberFormat makes the browser load its language's number data: 35–48 ms here for the first one,
// some 150 ms of blocked main thread on Lighthouse's 4× slower phone, in the middle of a page's hydration
// (a dashboard row's "3 non lus"). A whole number from 0 to 999 is its plain digits in fr-FR and en-GB
// (index.test.ts checks all of them against Intl), and so is a whole number under `::group-off`; any other
// number, and every other styled one, goes through
// Intl.NumberFormat, made when first needed. One set of formatters serves every message (the library
// would make one per message).
const memo = <A extends unknown[], R>(make: (...args: A) => R) => {
  const made = new Map<string, R>();
  return (...args: A): R => {
    const key = JSON.stringify(args);
    let r = made.get(key);
    if (r === undefined) made.set(key, (r = make(...args)));
    return r;
  };
};
const numberFormat = memo(
  (locales?: string | string[], opts?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locales, opts),
);
const countFormat = memo(
  (locales?: string | string[]) =>
    ({
      format: (n: number | bigint) =>
        typeof n === "number" && Number.isInteger(n) && (n > 0 || Object.is(n, 0)) && n < 1000
          ? String(n)
          : numberFormat(locales).format(n),
    }) as Intl.NumberFormat, // the library only calls format()
);
// `::group-off` (an invoice's number): a whole number from 0 up is its plain digits in both languages.
const ungroupedFormat = memo(
  (locales?: string | string[]) =>
    ({
      format: (n: number | bigint) =>
        typeof n === "number" && Number.isSafeInteger(n) && (n > 0 || Object.is(n, 0))
          ? String(n)
          : numberFormat(locales, { useGrouping: false }).format(n),
    }) as Intl.NumberFormat,
);
const isGroupOff = (opts: Intl.NumberFormatOptions) => {
  const keys = Object.keys(opts);
  return keys.length === 1 && opts.useGrouping === false;
};
// A parameter missing in production is passed as the text "{name}" (t below): a number argument shows
// that text rather than "NaN".
const placeholderSafe = memo((locales?: string | string[], opts?: Intl.NumberFormatOptions) => {
  const inner =
    opts === undefined
      ? countFormat(locales)
      : isGroupOff(opts)
        ? ungroupedFormat(locales)
        : numberFormat(locales, opts);
  return {
    format: (n: number | bigint | string) => (typeof n === "string" ? n : inner.format(n)),
  } as Intl.NumberFormat;
});
export const messageFormatters: Formatters = {
  getNumberFormat: (locales, opts) => placeholderSafe(locales, opts),
  getDateTimeFormat: memo(
    (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  ),
  getPluralRules: memo((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args)),
};

/** Suffix of the derived parameter that says whether French elides "de"/"que"/"le" before a text. */
export const ELIDES_SUFFIX = "Elides";

/** Both catalogues have the same keys (catalogue.test.ts): any loaded one answers. */
export function isMessageKey(value: string): value is MessageKey {
  const catalogue = catalogues.fr ?? catalogues.en;
  return catalogue !== undefined && Object.hasOwn(catalogue, value);
}

export function isLocale(value: unknown): value is Locale {
  return value === "fr" || value === "en";
}

export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : "fr";
}

// Words starting with an aspirated h take no elision ("de Haute-Savoie"); other h's do ("d’Hôtel-Dieu").
const ASPIRATED_H = /^h(a(ut|ll|m|ng|rc|rd|s|ch|ine|ie)|â|e(rs|rn|ro|ri)|é(r|ro)|ibou|oll|on[gt]|ock|ou|u[ei]t|yène)/i;

/** French elision before a word: "Agence Nord" → true (d’Agence Nord), "Relais" → false (de Relais). */
export function elides(word: string): boolean {
  const w = word.trim().normalize("NFD");
  const first = w.charAt(0).toLowerCase();
  if ("aeiouæœ".includes(first) && first !== "") return true;
  // "Yves" elides, "Yaoundé" does not (a y before a vowel is a consonant).
  if (first === "y") return !/^y[aeiou]/i.test(w);
  if (first === "h") return !ASPIRATED_H.test(w);
  return false;
}

type Compiled = { format: IntlMessageFormat; variables: Set<string> } | string;
const cache = new Map<string, Compiled>();

type Element = ReturnType<IntlMessageFormat["getAst"]>[number];

/** Every variable a message reads, in plurals' and selects' branches too. */
export function messageVariables(elements: Element[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    // a literal (0) holds text and a tag (8) its name; every other element with a value names a variable
    if ("value" in el && el.type !== 0 && el.type !== 8) into.add(el.value);
    if ("options" in el)
      for (const option of Object.values(el.options as Record<string, { value: Element[] }>))
        messageVariables(option.value, into);
    if ("children" in el) messageVariables(el.children as Element[], into);
  }
  return into;
}

/** The compiled message (or the text itself when it has nothing ICU would change). Throws on bad syntax. */
export function compile(locale: Locale, text: string): Compiled {
  if (!/[{}]|''/.test(text)) return text;
  const format = new IntlMessageFormat(text, intlLocale[locale], undefined, {
    ignoreTag: true,
    formatters: messageFormatters,
  });
  return { format, variables: messageVariables(format.getAst()) };
}

/** Under tests a missing parameter or a broken message fails loudly; elsewhere people get the text. */
const strict = () => typeof process !== "undefined" && process.env.NODE_ENV === "test";

/**
 * A message in `locale`, with its parameters. A missing parameter never throws in production: the text
 * shows `{name}` where the value should be; under tests (NODE_ENV=test) it throws so that a test fails.
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  let lang = locale;
  let catalogue = catalogues[locale];
  if (catalogue === undefined) {
    // a browser loads the page's language only (CatalogueReady): another one shows the loaded language
    if (strict()) throw new Error(`i18n: the ${locale} catalogue is not loaded`);
    lang = catalogues.fr ? "fr" : "en";
    catalogue = catalogues[lang];
    if (catalogue === undefined) return key;
  }
  const text = catalogue[key] ?? key;
  const id = `${lang}\u0000${key}`;
  let compiled = cache.get(id);
  if (compiled === undefined) {
    try {
      compiled = compile(lang, text);
    } catch (error) {
      // catalogue.test.ts parses every message: this is for a message broken after the tests ran
      if (strict()) throw error;
      compiled = text;
    }
    cache.set(id, compiled);
  }
  if (typeof compiled === "string") return compiled;
  const values: Record<string, string | number | Date> = {};
  for (const name of compiled.variables) {
    const given = params?.[name];
    if (given !== undefined) values[name] = given;
    else if (name.endsWith(ELIDES_SUFFIX)) {
      const base = params?.[name.slice(0, -ELIDES_SUFFIX.length)];
      if (base !== undefined) values[name] = elides(String(base)) ? "yes" : "no";
    }
  }
  const missing = [...compiled.variables].filter((name) => !(name in values));
  if (missing.length > 0) {
    if (strict()) throw new Error(`i18n: ${locale} "${key}" lacks ${missing.join(", ")}`);
    for (const name of missing) values[name] = `{${name}}`;
  }
  try {
    return String(compiled.format.format(values));
  } catch (error) {
    if (strict()) throw error;
    return text;
  }
}

export const LOCALE_COOKIE = "relais-locale";
