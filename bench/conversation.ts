// A long conversation written straight into the database (createMany, 500 rows at a time): the bench's
// 10,000- and 50-message dossiers and npm run lighthouse's heavy page. The measure is of the pages
// that read it, not of the seeding, so it bypasses the send path but writes what it would: messages,
// their message.created events, and the dossier's seq, and leaves them indexed for search, as a live
// server would have them a second later.
import { db } from "../server/db";
import { MESSAGE_CREATED } from "../server/domain/conversation/events";
import { toMessageView } from "../server/domain/conversation/service";
import { indexPendingSearch, mergeSearchIndex } from "../server/domain/search/indexer";

export async function chunks<T>(rows: T[], size: number, write: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** `count` messages one minute apart, ending now, whose authors take turns in the order given. */
export async function fillConversation(
  dossierId: string,
  authorIds: string[],
  count: number,
  line: (i: number) => { clientId: string; body: string },
) {
  const client = db();
  const found = await client.user.findMany({
    where: { id: { in: authorIds } },
    select: { id: true, name: true, email: true },
  });
  const authors = authorIds.map((id) => found.find((u) => u.id === id)!);
  const start = Date.now() - count * 60_000;
  const messages = Array.from({ length: count }, (_, i) => {
    const author = authors[i % authors.length];
    return {
      id: `${dossierId}-m-${i + 1}`,
      dossierId,
      authorId: author.id,
      ...line(i),
      seq: i + 1,
      createdAt: new Date(start + i * 60_000),
      author,
    };
  });
  await chunks(messages, 500, (part) => client.message.createMany({ data: part.map(({ author: _a, ...m }) => m) }));
  await chunks(messages, 500, (part) =>
    client.dossierEvent.createMany({
      data: part.map((m) => ({
        dossierId: m.dossierId,
        seq: m.seq,
        type: MESSAGE_CREATED,
        audience: "all",
        actorId: m.authorId,
        createdAt: m.createdAt,
        // The payload a send stores (conversation/service.ts), not a copy of its shape.
        payload: JSON.stringify(toMessageView(m)),
      })),
    }),
  );
  await client.dossier.update({ where: { id: dossierId }, data: { seq: count, lastActivityAt: new Date() } });
  // SQLite's triggers queued every message for the search index (C9). Left queued, the first change of
  // the server under test indexed the 10,050 seeded messages (issue 18, fifteenth pass).
  await indexForSearch();
}

/** Indexes what is queued for search and merges its segments, as the indexer's passes would have by now (SQLite; nothing on PostgreSQL). */
export async function indexForSearch() {
  await indexPendingSearch();
  await mergeSearchIndex(Number.MAX_SAFE_INTEGER);
}
