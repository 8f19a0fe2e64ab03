// X1: the session check is one primary-key read (joined to its user by primary key), on every page,
// action, route and socket handshake (G7, G12): a prepared statement, not a Prisma query.
import { sql } from "../../db/hot";

export type SessionActorRow = {
  userId: string;
  createdAt: unknown;
  lastSeenAt: unknown;
  name: string | null;
  email: string;
  locale: string;
};

export const SESSION_ACTOR = sql(
  "session.actor",
  `SELECT s."userId", s."createdAt", s."lastSeenAt", u."name", u."email", u."locale"
   FROM "Session" s JOIN "User" u ON u."id" = s."userId"
   WHERE s."id" = ? AND u."deactivatedAt" IS NULL`,
);

export const SESSION_SEEN = sql("session.seen", `UPDATE "Session" SET "lastSeenAt" = ? WHERE "id" = ?`);

export const SESSION_END = sql("session.end", `DELETE FROM "Session" WHERE "id" = ?`);
