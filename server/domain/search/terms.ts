// C9: how a query becomes search terms, the same for both providers' indexes. Accents and case are
// folded (SQLite's unicode61 tokenizer with remove_diacritics 2 and PostgreSQL's unaccent do the same
// to the indexed text); a few French words that carry no meaning are dropped; each word is reduced by a
// light French stemmer and matched as a prefix on SQLite ("écoles" → ecol* finds "École"), while
// PostgreSQL's own French stemmer reduces both sides. No browser import: server only, no zod.

/** Lowercase, without accents: "École" → "ecole". Ligatures such as œ stay, as in both indexes. */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

// Articles, prepositions and pronouns: matched as prefixes they would find nearly everything.
const STOPWORDS = new Set([
  "je",
  "tu",
  "nous",
  "vous",
  "elle",
  "elles",
  "on",
  "qui",
  "que",
  "qu",
  "ne",
  "pas",
  "est",
  "sont",
  "mais",
  "se",
  "ma",
  "mon",
  "mes",
  "ta",
  "ton",
  "tes",
  "notre",
  "nos",
  "votre",
  "vos",
  "cet",
  "cette",
  "au",
  "aux",
  "avec",
  "ce",
  "ces",
  "dans",
  "de",
  "des",
  "du",
  "en",
  "et",
  "il",
  "ils",
  "la",
  "le",
  "les",
  "leur",
  "leurs",
  "ou",
  "par",
  "pour",
  "sa",
  "ses",
  "son",
  "sur",
  "un",
  "une",
  "the",
  "of",
  "and",
]);

/**
 * A light French stemmer for prefix matching: it only needs the singular and the plural, the masculine
 * and the feminine of a word to reduce to a common prefix of both. Never shorter than 3 letters.
 */
export function stem(word: string): string {
  let w = word;
  const cut = (n: number) => (w.length - n >= 3 ? ((w = w.slice(0, w.length - n)), true) : false);
  // plurals: travaux → trava (travail), bureaux → bureau, écoles → ecole, devis → devi
  if (w.endsWith("aux") && w.length > 4) cut(2);
  else if (w.endsWith("s") || w.endsWith("x")) cut(1);
  // adverbs: rapidement → rapid (but logement, paiement stay whole)
  if (w.endsWith("ement") && w.length >= 10) cut(5);
  // mute and feminine e: ecole → ecol, creee → cre, conseillere → conseiller
  while (w.endsWith("e") && cut(1));
  // vendeuse / vendeur → vendeu
  if (w.endsWith("eus") && w.length >= 6) cut(1);
  else if (w.endsWith("eur") && w.length >= 6) cut(1);
  // doubled final consonant of a feminine: naturell(e) → naturel, bonn(e) → bon
  if (w.length >= 4 && /([bcdfglmnprt])\1$/.test(w)) cut(1);
  return w;
}

export const MAX_TERMS = 8;

/** The query's words, folded, without stop words, at most MAX_TERMS, each once. */
export function words(q: string): string[] {
  const out: string[] = [];
  for (const w of fold(q).split(/[^\p{L}\p{N}]+/u)) {
    if (w.length < 2 || STOPWORDS.has(w) || out.includes(w)) continue;
    out.push(w);
    if (out.length === MAX_TERMS) break;
  }
  return out;
}

/** SQLite FTS5: every stem as a quoted prefix, all required. Words hold letters and digits only. */
export function ftsQuery(ws: string[]): string {
  return ws.map((w) => `"${stem(w)}"*`).join(" ");
}

/** PostgreSQL: the folded words for to_tsquery('french', …), all required; the French stemmer reduces them. */
export function tsQuery(ws: string[]): string {
  return ws.join(" & ");
}

export type SnippetPart = { text: string; hit: boolean };

/**
 * A short excerpt of `text` around the first word that starts with one of the stems, with the matching
 * words marked (for <mark>, never HTML). Computed here so that both providers show the same.
 */
export function snippet(text: string, ws: string[], width = 160): SnippetPart[] {
  const stems = ws.map(stem);
  const tokens: { start: number; end: number; hit: boolean }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const f = fold(m[0]);
    tokens.push({ start: m.index, end: m.index + m[0].length, hit: stems.some((s) => f.startsWith(s)) });
  }
  const first = tokens.find((t) => t.hit);
  let from = 0;
  let to = text.length;
  if (text.length > width) {
    const center = first ? first.start : 0;
    from = Math.max(0, Math.min(center - Math.floor(width / 3), text.length - width));
    to = Math.min(text.length, from + width);
    // never cut a word in two
    const cutStart = tokens.find((t) => t.start < from && t.end > from);
    if (cutStart) from = cutStart.end;
    const cutEnd = tokens.find((t) => t.start < to && t.end > to);
    if (cutEnd) to = cutEnd.start;
  }
  const parts: SnippetPart[] = [];
  const push = (s: string, hit: boolean) => {
    if (!s) return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += s;
    else parts.push({ text: s, hit });
  };
  if (from > 0) push("…", false);
  let at = from;
  for (const t of tokens) {
    if (t.end <= from || t.start >= to || !t.hit) continue;
    push(text.slice(at, t.start), false);
    push(text.slice(t.start, t.end), true);
    at = t.end;
  }
  push(text.slice(at, to), false);
  if (to < text.length) push("…", false);
  return parts;
}
