// C9: the search statements, one text per provider (FTS5 on SQLite, tsvector on PostgreSQL), each with
// the access policy (policy.ts) in it. Placeholders, in order: the match expression, the user id twice,
// [the dossier id,] the limit.
import { sql, type Sql } from "../../db/hot";
import { memberOrStaffDossierIds, VISIBLE_JOINS, VISIBLE_WHERE } from "./policy";

const COLUMNS = `e."kind" AS "kind", e."refId" AS "refId", e."dossierId" AS "dossierId", e."seq" AS "seq",
     e."text" AS "text", e."at" AS "at", d."title" AS "dossierTitle"`;

function both(name: string, sqlite: string, postgres: string): Sql {
  let n = 0;
  // Planned with its term each time (hot.ts, planEachTime): how many entries a term matches decides the plan.
  return { name, sqlite, postgres: postgres.replace(/\?/g, () => `$${++n}`), planEachTime: true };
}

// SQLite: bm25 rank (lower is better) from the FTS5 index, then the newest first.
function sqliteSearch(scoped: boolean) {
  return `SELECT ${COLUMNS}
   FROM (SELECT "rowid" AS "entryId", "rank" AS "rank" FROM "SearchIndex" WHERE "SearchIndex" MATCH ?) f
   JOIN "SearchEntry" e ON e."id" = f."entryId"
   ${VISIBLE_JOINS}
   WHERE ${VISIBLE_WHERE}
   ${scoped ? `AND e."dossierId" = ?` : ""}
   ORDER BY f."rank", e."at" DESC, e."id" DESC
   LIMIT ?`;
}

// PostgreSQL: the GIN index on tsv, ts_rank (higher is better), then the newest first. Across dossiers,
// the entries are first limited to the dossiers the user is a member or staff of ($2, $3: the user, as in
// VISIBLE_JOINS), which VISIBLE_WHERE requires anyway: otherwise a common word ranked every matching
// entry of every organization before the policy dropped them (an applicant of one dossier: 386–684 ms
// against 0.8–1.4 ms over 110,000 matching entries; issue 18).
function postgresSearch(scoped: boolean) {
  return `SELECT ${COLUMNS}
   FROM to_tsquery('french', ?) AS q("query")
   JOIN "SearchEntry" e ON e."tsv" @@ q."query"
   ${VISIBLE_JOINS}
   WHERE ${VISIBLE_WHERE}
   AND e."dossierId" ${scoped ? "= ?" : `IN (${memberOrStaffDossierIds("$2", "$3")})`}
   ORDER BY ts_rank(e."tsv", q."query") DESC, e."at" DESC, e."id" DESC
   LIMIT ?`;
}

export const SEARCH = both("search.all", sqliteSearch(false), postgresSearch(false));
export const SEARCH_IN_DOSSIER = both("search.dossier", sqliteSearch(true), postgresSearch(true));

export type SearchRow = {
  kind: string;
  refId: string;
  dossierId: string;
  seq: number | bigint | null;
  text: string;
  at: unknown;
  dossierTitle: string;
};

/** The title of the dossier a search is limited to (read after dossierAccess allowed it). */
export const DOSSIER_TITLE = sql(
  "search.dossierTitle",
  `SELECT "title" AS "dossierTitle" FROM "Dossier" WHERE "id" = ?`,
);
