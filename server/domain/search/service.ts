// C9: search over what the actor may see: messages, dossier titles, recommendation titles, document
// names, French-aware (terms.ts), with the access policy inside the query (policy.ts, queries.ts).
import type { Actor } from "../../auth/actor";
import { hot } from "../../db";
import { asDate } from "../../db/hot";
import { fail, ok, type Result } from "../../errors";
import type { MessageKey } from "../../i18n";
import { env } from "../../env";
import { dossierAccess } from "../dossier/policy";
import { DOSSIER_TITLE, SEARCH, SEARCH_IN_DOSSIER, type SearchRow } from "./queries";
import { indexPendingSearch } from "./indexer";
import { searchSchema } from "./schema";
import { ftsQuery, snippet, tsQuery, words, type SnippetPart } from "./terms";

export const RESULT_LIMIT = 50;

export type SearchKind = "message" | "dossier" | "recommendation" | "document";

export type SearchResult = {
  kind: SearchKind;
  /** the message, dossier, recommendation or document */
  id: string;
  dossierId: string;
  dossierTitle: string;
  /** messages only: where it is in the conversation */
  seq: number | null;
  at: string;
  snippet: SnippetPart[];
  /** where the result opens (a plain link, section 4) */
  href: string;
};

export type SearchOutcome = {
  q: string;
  /** the dossier the search was limited to, when it was */
  scope: { id: string; title: string } | null;
  results: SearchResult[];
};

/** Where a result opens: a message in its place in the conversation (C8's `seq`), the others on their tab. */
export function resultHref(kind: SearchKind, dossierId: string, seq: number | null): string {
  const base = `/dossiers/${encodeURIComponent(dossierId)}`;
  if (kind === "message" && seq !== null) return `${base}?seq=${seq}#message-${seq}`;
  if (kind === "recommendation") return `${base}/recommendations`;
  if (kind === "document") return `${base}/documents`;
  return base;
}

function invalid(actor: Actor, issues: { message: string }[]) {
  const key = issues.find((i) => i.message.startsWith("search."))?.message as MessageKey | undefined;
  return fail("invalid", actor.locale, key ?? "error.invalid");
}

/**
 * The actor's results for `q`, best first (relevance, then the newest), at most RESULT_LIMIT; limited
 * to one dossier when `dossierId` is given (not found, A1, when the actor may not see it). Bad input
 * is refused before anything runs.
 */
export async function search(actor: Actor, raw: unknown, _now = new Date()): Promise<Result<SearchOutcome>> {
  const parsed = searchSchema.safeParse(raw);
  if (!parsed.success) return invalid(actor, parsed.error.issues);
  const { q, dossierId } = parsed.data;
  let scope: SearchOutcome["scope"] = null;
  if (dossierId) {
    const access = await dossierAccess(actor, dossierId);
    if (!access) return fail("not_found", actor.locale);
    const row = await hot().get<{ dossierTitle: string }>(DOSSIER_TITLE, [dossierId]);
    if (!row) return fail("not_found", actor.locale);
    scope = { id: dossierId, title: row.dossierTitle };
  }
  const ws = words(q);
  // Only stop words or punctuation: nothing to look for.
  if (ws.length === 0) return ok({ q, scope, results: [] });
  const postgres = env().provider === "postgres";
  // Everything committed before the search is in the index (SQLite indexes in batches, indexer.ts).
  await indexPendingSearch();
  const match = postgres ? tsQuery(ws) : ftsQuery(ws);
  const rows = dossierId
    ? await hot().all<SearchRow>(SEARCH_IN_DOSSIER, [match, actor.userId, actor.userId, dossierId, RESULT_LIMIT])
    : await hot().all<SearchRow>(SEARCH, [match, actor.userId, actor.userId, RESULT_LIMIT]);
  return ok({
    q,
    scope,
    results: rows.map((r) => {
      const kind = r.kind as SearchKind;
      const seq = r.seq === null ? null : Number(r.seq);
      return {
        kind,
        id: r.refId,
        dossierId: r.dossierId,
        dossierTitle: r.dossierTitle,
        seq,
        at: asDate(r.at).toISOString(),
        snippet: snippet(r.text, ws),
        href: resultHref(kind, r.dossierId, seq),
      };
    }),
  });
}
