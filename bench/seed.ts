// The bench's data, in a fresh database (DATABASE_URL): one organization whose many viewers are its
// staff (they may open every dossier of the organization without being members, so a message does not
// email all of them), dossiers with an applicant (the sender) and a holder advisor (who is notified of
// each message, as in real use), a 10,000-message dossier and a 50-message one (G11, G12), and a
// session cookie per user. Writes the fixture as JSON to the path in
// argv[2]. Rows go in with createMany: the bench measures the live path, not the seeding.
import fs from "node:fs";
import { encode } from "next-auth/jwt";
import { closeDb, db, dbReady } from "../server/db";
import { env } from "../server/env";
import { chunks, fillConversation } from "./conversation";

export type Room = { dossierId: string; sender: string; viewers: string[] };
export type Fixture = {
  users: string[];
  cookies: Record<string, string>;
  rooms: { g1: Room; g3: Room; g8: Room; g9: Room; grid: Room[] };
  pages: { holder: string; big: string; small: string; bigMessages: number; smallMessages: number };
};

const [, , out, usersArg] = process.argv;
const USERS = Number(usersArg ?? 5000);
const GRID = 50;
const PER_GRID = 20;

async function main() {
  await dbReady();
  const client = db();
  const org = await client.organization.create({ data: { name: "Bench", slug: `bench-${Date.now()}` } });
  const pad = (i: number) => String(i).padStart(5, "0");
  const users = Array.from({ length: USERS }, (_, i) => ({
    id: `bench-u-${pad(i)}`,
    name: `Viewer ${i}`,
    email: `viewer${i}@bench.test`,
  }));
  const applicants = Array.from({ length: GRID + 10 }, (_, i) => ({
    id: `bench-a-${pad(i)}`,
    name: `Applicant ${i}`,
    email: `applicant${i}@bench.test`,
  }));
  const holders = Array.from({ length: GRID + 10 }, (_, i) => ({
    id: `bench-h-${pad(i)}`,
    name: `Advisor ${i}`,
    email: `advisor${i}@bench.test`,
  }));
  await chunks([...users, ...applicants, ...holders], 500, (part) => client.user.createMany({ data: part }));
  await chunks(users, 500, (part) =>
    client.membership.createMany({ data: part.map((u) => ({ organizationId: org.id, userId: u.id, role: "staff" })) }),
  );
  await chunks(holders, 500, (part) =>
    client.membership.createMany({ data: part.map((u) => ({ organizationId: org.id, userId: u.id, role: "member" })) }),
  );

  let dossierCount = 0;
  let applicantIndex = 0;
  /** A dossier with its applicant (the sender) and holder; the viewers are staff, not members. */
  async function dossier(title: string, viewers: string[]): Promise<Room & { holder: string }> {
    const id = `bench-d-${pad(dossierCount++)}`;
    const sender = applicants[applicantIndex].id;
    const holder = holders[applicantIndex++].id;
    await client.dossier.create({ data: { id, organizationId: org.id, title } });
    await client.dossierMember.createMany({
      data: [
        { dossierId: id, userId: holder, side: "advisor", role: "advisor", holder: true },
        { dossierId: id, userId: sender, side: "applicant", role: "applicant", holder: false },
      ],
    });
    return { dossierId: id, sender, viewers, holder };
  }
  const ids = users.map((u) => u.id);
  const g1 = await dossier("G1 — 200 viewers", ids.slice(0, 200));
  const g3 = await dossier("G3 — one viewer", ids.slice(200, 201));
  const g8 = await dossier("G8 — 200 viewers on the other process", ids.slice(0, 200));
  const g9 = await dossier("G9 — cut off", ids.slice(220, 240));
  const grid: Room[] = [];
  for (let i = 0; i < GRID; i++)
    grid.push(await dossier(`G2 — dossier ${i}`, ids.slice(i * PER_GRID, (i + 1) * PER_GRID)));

  const big = await dossier("G11/G12 — 10,000 messages", []);
  const small = await dossier("G12 — 50 messages", []);
  // The same advisor holds both, so the two pages differ only by their conversation.
  await client.dossierMember.updateMany({
    where: { dossierId: small.dossierId, userId: small.holder },
    data: { userId: big.holder },
  });
  const holder = big.holder;
  for (const [room, count] of [
    [big, 10_000],
    [small, 50],
  ] as const)
    await fillConversation(room.dossierId, [room.sender, room.holder], count, (i) => ({
      clientId: `seed-${room.dossierId}-${i + 1}`,
      body: `Message ${i + 1} of the seeded conversation, a line of ordinary length.`,
    }));

  const e = env();
  const cookies: Record<string, string> = {};
  // X1: a session is a row the token names (one per user, for the whole run).
  const all = [...users, ...applicants, ...holders];
  const started = new Date();
  const sessions = all.map((u) => ({
    id: `bench${u.id}`,
    sessionToken: `bench-${u.id}`,
    userId: u.id,
    createdAt: started,
    lastSeenAt: started,
    expires: new Date(started.getTime() + 7 * 24 * 3600 * 1000),
  }));
  await client.session.createMany({ data: sessions });
  for (const u of all) {
    const token = await encode({
      token: { sub: u.id, sid: `bench${u.id}`, name: u.name, email: u.email },
      secret: e.secret,
      maxAge: 7 * 24 * 3600,
    });
    cookies[u.id] = `next-auth.session-token=${token}`;
  }
  const fixture: Fixture = {
    users: ids,
    cookies,
    rooms: { g1, g3, g8, g9, grid },
    pages: { holder, big: big.dossierId, small: small.dossierId, bigMessages: 10_000, smallMessages: 50 },
  };
  fs.writeFileSync(out, JSON.stringify(fixture));
  await closeDb();
}

await main();
