// npm run lighthouse's extra data: a 10,000-message dossier in the demo organization (Agence Nord), held
// by Adèle with Paul as referent, so the heaviest conversation page is measured too. Rows go in with
// createMany (the measure is of the page, not of the seeding). Prints the dossier's id.
import { closeDb, db, dbReady } from "../server/db";
import { MESSAGE_CREATED } from "../server/domain/conversation/events";

const COUNT = 10_000;

async function main() {
  await dbReady();
  const client = db();
  const org = await client.organization.findFirstOrThrow({ where: { name: "Agence Nord" } });
  const [adele, paul] = await Promise.all([
    client.user.findUniqueOrThrow({ where: { email: "adele.conseil@nord.test" } }),
    client.user.findUniqueOrThrow({ where: { email: "paul.demandeur@exemple.test" } }),
  ]);
  const dossier = await client.dossier.create({
    data: { organizationId: org.id, title: "Conversation de 10 000 messages" },
  });
  await client.dossierMember.createMany({
    data: [
      { dossierId: dossier.id, userId: adele.id, side: "advisor", role: "advisor", holder: true },
      { dossierId: dossier.id, userId: paul.id, side: "applicant", role: "referent", holder: false },
    ],
  });
  const authors = [paul, adele];
  const start = Date.now() - COUNT * 60_000;
  const messages = Array.from({ length: COUNT }, (_, i) => {
    const author = authors[i % 2];
    return {
      id: `${dossier.id}-m-${i + 1}`,
      dossierId: dossier.id,
      authorId: author.id,
      clientId: `lighthouse-${i + 1}`,
      body: `Message ${i + 1} : une ligne de longueur ordinaire dans une longue conversation.`,
      seq: i + 1,
      createdAt: new Date(start + i * 60_000),
      authorName: author.name ?? author.email,
    };
  });
  for (let i = 0; i < messages.length; i += 500) {
    const part = messages.slice(i, i + 500);
    await client.message.createMany({ data: part.map(({ authorName: _n, ...m }) => m) });
    await client.dossierEvent.createMany({
      data: part.map((m) => ({
        dossierId: m.dossierId,
        seq: m.seq,
        type: MESSAGE_CREATED,
        audience: "all",
        actorId: m.authorId,
        createdAt: m.createdAt,
        payload: JSON.stringify({
          id: m.id,
          dossierId: m.dossierId,
          clientId: m.clientId,
          seq: m.seq,
          body: m.body,
          createdAt: m.createdAt.toISOString(),
          author: { id: m.authorId, name: m.authorName },
        }),
      })),
    });
  }
  await client.dossier.update({ where: { id: dossier.id }, data: { seq: COUNT, lastActivityAt: new Date() } });
  process.stdout.write(`${dossier.id}\n`);
  await closeDb();
}

await main();
