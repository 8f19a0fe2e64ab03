// npm run lighthouse's extra data: a 10,000-message dossier in the demo organization (Agence Nord), held
// by Adèle with Paul as referent, so the heaviest conversation page is measured too. Rows go in with
// createMany (the measure is of the page, not of the seeding). Prints the dossier's id.
import { closeDb, db, dbReady } from "../server/db";
import { fillConversation } from "../bench/conversation";

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
  await fillConversation(dossier.id, [paul.id, adele.id], COUNT, (i) => ({
    clientId: `lighthouse-${i + 1}`,
    body: `Message ${i + 1} : une ligne de longueur ordinaire dans une longue conversation.`,
  }));
  process.stdout.write(`${dossier.id}\n`);
  await closeDb();
}

await main();
