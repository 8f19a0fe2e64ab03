// Demo data of DESIGN.md section 8, written only when the database is empty (npm start runs it).
// Messages go through the conversation service so that their seq and events are real.
import { actorById } from "../server/auth/actor";
import { postMessage } from "../server/domain/conversation/service";
import { changeRecommendationStatus, createRecommendation } from "../server/domain/recommendation/service";
import { closeDb, db, dbReady } from "../server/db";
import {
  addParty,
  createActivity,
  createProforma,
  setClientActive,
  validateProforma,
} from "../server/domain/billing/service";
import { attachWithKey, createSolicitation } from "../server/domain/solicitation/service";
import { applyTemplate, saveTemplate } from "../server/domain/template/service";

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemo(now = new Date()): Promise<boolean> {
  await dbReady();
  if ((await db().organization.count()) > 0) return false;
  const d = db();

  const user = (email: string, name: string, title?: string) =>
    d.user.create({ data: { email, name, title, emailVerified: now } });
  const [alice, sam, adele, arnaud, carla, paul, marie, pierre, sofia] = await Promise.all([
    user("alice.admin@nord.test", "Alice Admin", "Administratrice"),
    user("sam.staff@nord.test", "Sam Staff", "Chargé de mission"),
    user("adele.conseil@nord.test", "Adèle Conseil", "Conseillère en rénovation"),
    user("arnaud.conseil@nord.test", "Arnaud Conseil", "Conseiller énergie"),
    user("carla.coord@nord.test", "Carla Coord", "Coordinatrice"),
    user("paul.demandeur@exemple.test", "Paul Demandeur"),
    user("marie.demandeur@exemple.test", "Marie Demandeur"),
    user("pierre.partenaire@partenaire.test", "Pierre Partenaire", "Expert juridique"),
    user("sofia.staff@sud.test", "Sofia Staff", "Responsable"),
  ]);

  const nord = await d.organization.create({ data: { name: "Agence Nord", slug: "agence-nord" } });
  const sud = await d.organization.create({ data: { name: "Cabinet Sud", slug: "cabinet-sud" } });
  await d.membership.createMany({
    data: [
      { organizationId: nord.id, userId: alice.id, role: "admin" },
      { organizationId: nord.id, userId: sam.id, role: "staff" },
      { organizationId: nord.id, userId: adele.id, role: "member" },
      { organizationId: nord.id, userId: arnaud.id, role: "member" },
      { organizationId: nord.id, userId: carla.id, role: "member", coordinator: true },
      { organizationId: sud.id, userId: sofia.id, role: "staff" },
    ],
  });

  const ecole = await d.dossier.create({
    data: {
      organizationId: nord.id,
      title: "Rénovation de l'école Jules Ferry",
      createdAt: new Date(now.getTime() - 10 * DAY),
      lastApplicantVisitAt: new Date(now.getTime() - 1 * DAY),
      members: {
        create: [
          { userId: paul.id, side: "applicant", role: "referent" },
          { userId: marie.id, side: "applicant", role: "applicant" },
          { userId: adele.id, side: "advisor", role: "advisor", holder: true },
          { userId: arnaud.id, side: "advisor", role: "advisor" },
        ],
      },
    },
  });
  const sante = await d.dossier.create({
    data: {
      organizationId: nord.id,
      title: "Maison de santé de Saint-Omer",
      createdAt: new Date(now.getTime() - 40 * DAY),
      members: { create: [{ userId: arnaud.id, side: "advisor", role: "advisor", holder: true }] },
    },
  });
  const mediatheque = await d.dossier.create({
    data: {
      organizationId: sud.id,
      title: "Extension de la médiathèque de Sète",
      createdAt: new Date(now.getTime() - 20 * DAY),
    },
  });

  const conversation: [typeof paul, number, string][] = [
    [
      paul,
      3,
      "Bonjour, nous souhaitons rénover l'école Jules Ferry : isolation, chauffage et menuiseries. Par où commencer ?",
    ],
    [
      adele,
      3,
      "Bonjour Paul, bienvenue ! Je vous propose de commencer par un audit énergétique. Avez-vous les plans du bâtiment ?",
    ],
    [marie, 2, "Oui, nous avons les plans de 1978 et ceux de l'extension de 2004. Je les dépose cette semaine."],
    [
      arnaud,
      2,
      "Pour le chauffage, la chaudière fioul actuelle peut être remplacée par une pompe à chaleur : je prépare une comparaison des coûts.",
    ],
    [paul, 1, "Merci. Le conseil municipal se réunit le 12 : pouvons-nous avoir une première estimation d'ici là ?"],
    [adele, 1, "Oui, je vous envoie une estimation d'ici lundi, avec les aides mobilisables."],
  ];
  let i = 0;
  for (const [author, daysAgo, body] of conversation) {
    const actor = (await actorById(author.id))!;
    const at = new Date(now.getTime() - daysAgo * DAY + i * 37 * 60 * 1000);
    const res = await postMessage(actor, { dossierId: ecole.id, clientId: `seed-ecole-${i++}`, body }, at);
    if (!res.ok) throw new Error(`seed message refused: ${res.error.message}`);
  }
  // Recommendations in several statuses (R1, R2), through the service so that their events are real.
  const recommendations: [typeof adele, string, string, string | null, typeof paul | null, string][] = [
    [
      adele,
      "Faire réaliser un audit énergétique",
      "Un audit par un bureau d'études certifié RGE est le préalable aux aides : il chiffre les gains de chaque scénario.",
      null,
      paul,
      "in_progress",
    ],
    [
      arnaud,
      "Comparer pompe à chaleur et chaudière bois",
      "Je vous propose de comparer les coûts d'installation et d'exploitation sur 20 ans, avec les aides.",
      null,
      null,
      "proposed",
    ],
    [
      adele,
      "Déposer une demande de subvention DSIL",
      "La dotation de soutien à l'investissement local finance la rénovation énergétique des écoles.",
      "https://www.collectivites-locales.gouv.fr/",
      marie,
      "blocked",
    ],
    [
      arnaud,
      "Faire le diagnostic amiante avant travaux",
      "Obligatoire pour un bâtiment construit avant 1997.",
      null,
      paul,
      "already_done",
    ],
    [
      adele,
      "Réunir les plans du bâtiment",
      "Les plans de 1978 et de l'extension de 2004 serviront à l'audit.",
      null,
      marie,
      "done",
    ],
  ];
  let k = 0;
  for (const [author, title, body, link, mover, status] of recommendations) {
    const at = new Date(now.getTime() - DAY + 4 * 60 * 60 * 1000 + k++ * 10 * 60 * 1000);
    const res = await createRecommendation(
      (await actorById(author.id))!,
      { dossierId: ecole.id, title, body, link },
      at,
    );
    if (!res.ok) throw new Error(`seed recommendation refused: ${res.error.message}`);
    if (mover) {
      const moved = await changeRecommendationStatus(
        (await actorById(mover.id))!,
        { recommendationId: res.recommendation.id, status },
        new Date(at.getTime() + 6 * 60 * 60 * 1000),
      );
      if (!moved.ok) throw new Error(`seed status refused: ${moved.error.message}`);
    }
  }
  const sofiaActor = (await actorById(sofia.id))!;
  await d.dossierMember.create({
    data: { dossierId: mediatheque.id, userId: sofia.id, side: "advisor", role: "advisor", holder: true },
  });
  await postMessage(
    sofiaActor,
    { dossierId: mediatheque.id, clientId: "seed-sud-0", body: "Note interne du Cabinet Sud : le permis est déposé." },
    new Date(now.getTime() - 2 * DAY),
  );
  await seedPartners(now, { alice: alice.id, adele: adele.id, pierre: pierre.id, nord: nord.id, ecole: ecole.id });
  await seedBilling(now, { adele: adele.id, arnaud: arnaud.id, nord: nord.id, sante: sante.id, ecole: ecole.id });
  return true;
}

/**
 * K1–K8: a multi-client dossier (three clients, one inactive with unbilled activities, an invoice and a
 * draft proforma) and a single-client dossier whose client is inactive, through the billing services.
 */
async function seedBilling(
  now: Date,
  ids: { adele: string; arnaud: string; nord: string; sante: string; ecole: string },
) {
  const d = db();
  const adele = (await actorById(ids.adele))!;
  const arnaud = (await actorById(ids.arnaud))!;
  const at = (days: number, hours = 9) => new Date(now.getTime() - days * DAY + hours * 3600_000);
  const must = <T>(res: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!res.ok) throw new Error(`seed billing refused: ${res.error.message}`);
    return res.value;
  };
  const martin = await d.dossier.create({
    data: {
      organizationId: ids.nord,
      title: "Succession Martin",
      createdAt: at(30),
      members: {
        create: [
          { userId: ids.adele, side: "advisor", role: "advisor", holder: true },
          { userId: ids.arnaud, side: "advisor", role: "advisor" },
        ],
      },
    },
  });
  const contact = (name: string, kind: string, email: string | null, address: string | null) =>
    d.contact.create({ data: { organizationId: ids.nord, name, kind, email, address, createdAt: at(30) } });
  const jeanne = await contact(
    "Jeanne Martin",
    "person",
    "jeanne.martin@exemple.test",
    "12 rue des Lilas\n59000 Lille",
  );
  const luc = await contact("Luc Martin", "person", "luc.martin@exemple.test", "3 place du Marché\n62000 Arras");
  const sci = await contact("SCI Les Tilleuls", "company", null, "8 avenue Foch\n59800 Lille");
  const notaire = await contact("Me Durand, notaire", "person", "etude.durand@exemple.test", null);
  const commune = await contact(
    "Commune de Saint-Omer",
    "company",
    "mairie@saint-omer.test",
    "Place Foch\n62500 Saint-Omer",
  );
  const party = async (contactId: string, role: "client" | "opposing" | "related", when: Date) =>
    must(await addParty(adele, { dossierId: martin.id, contactId, role }, when)).partyId;
  const pJeanne = await party(jeanne.id, "client", at(30));
  const pLuc = await party(luc.id, "client", at(30, 10));
  const pSci = await party(sci.id, "client", at(30, 11));
  await party(notaire.id, "related", at(30, 12));
  const activity = async (by: typeof adele, when: Date, input: Record<string, unknown>) =>
    must(await createActivity(by, { dossierId: martin.id, date: when.toISOString().slice(0, 10), ...input }, when));
  await activity(adele, at(28), {
    kind: "time",
    description: "Premier rendez-vous avec les héritiers",
    durationMinutes: 90,
    hourlyRateCents: 18_000,
  });
  await activity(arnaud, at(27), { kind: "expense", description: "Extraits d'actes d'état civil", amountCents: 4_500 });
  await activity(adele, at(25), {
    kind: "time",
    description: "Analyse de l'actif successoral",
    durationMinutes: 150,
    hourlyRateCents: 18_000,
    clientPartyId: pJeanne,
  });
  const first = must(await createProforma(adele, { dossierId: martin.id }, at(20)));
  must(await validateProforma(adele, { proformaId: first.proformaId }, at(20, 10)));
  await activity(arnaud, at(10), {
    kind: "time",
    description: "Courrier au notaire",
    durationMinutes: 45,
    hourlyRateCents: 15_000,
  });
  await activity(adele, at(8), {
    kind: "expense",
    description: "Frais de déplacement à Arras",
    amountCents: 6_350,
    clientPartyId: pLuc,
  });
  await activity(adele, at(6), {
    kind: "time",
    description: "Évaluation des parts de la SCI",
    durationMinutes: 120,
    hourlyRateCents: 18_000,
    clientPartyId: pSci,
  });
  // K2: the SCI is made inactive while an activity of its own is still unbilled.
  must(await setClientActive(adele, { partyId: pSci, active: false }, at(5)));
  must(await createProforma(adele, { dossierId: martin.id }, at(2)));

  // The école's client, active: the quick-add menu offers that dossier. At `now`: a change moves the
  // dossier's last activity to its time, and the école's conversation is more recent than 9 days.
  const ville = await contact("Ville de Lille", "company", null, "Place Augustin-Laurent\n59000 Lille");
  must(await addParty(adele, { dossierId: ids.ecole, contactId: ville.id, role: "client" }, now));

  // K3: a single-client dossier whose only client is inactive.
  const pCommune = must(
    await addParty(arnaud, { dossierId: ids.sante, contactId: commune.id, role: "client" }, at(40)),
  ).partyId;
  must(await setClientActive(arnaud, { partyId: pCommune, active: false }, at(3)));
}

/** S8, S1, S2: a demo template on the école dossier, and Pierre attached to a technical opinion, through the services. */
async function seedPartners(
  now: Date,
  ids: { alice: string; adele: string; pierre: string; nord: string; ecole: string },
) {
  const [alice, adele, pierre] = await Promise.all([actorById(ids.alice), actorById(ids.adele), actorById(ids.pierre)]);
  const template = await saveTemplate(alice!, {
    organizationId: ids.nord,
    name: "Rénovation de bâtiment public",
    fields: [
      { key: "budget", label: "Budget prévisionnel (€)", section: "applicant" },
      { key: "surface", label: "Surface (m²)", section: "applicant" },
      { key: "note_interne", label: "Note interne", section: "internal" },
      { key: "avis_structure", label: "Avis sur la structure", section: "partner" },
    ],
    partnerView: { budget: "read", surface: "read", note_interne: "hidden", avis_structure: "edit" },
    statuses: [
      { key: "depot", label: "Dépôt", partnerVisible: true, partnerEditable: true },
      { key: "instruction", label: "Instruction", partnerVisible: true, partnerEditable: false },
      { key: "decision", label: "Décision", partnerVisible: false, partnerEditable: false },
    ],
  });
  if (!template.ok) throw new Error(`seed template refused: ${template.error.message}`);
  const at = new Date(now.getTime() - 2 * DAY);
  const applied = await applyTemplate(adele!, { dossierId: ids.ecole, templateId: template.value.templateId }, at);
  if (!applied.ok) throw new Error(`seed template not applied: ${applied.error.message}`);
  await db().dossier.update({
    where: { id: ids.ecole },
    data: {
      fieldValues: JSON.stringify({
        budget: "450000",
        surface: "1200",
        note_interne: "Le maire souhaite un chantier l'été.",
      }),
    },
  });
  const due = new Date(now.getTime() + 14 * DAY).toISOString().slice(0, 10);
  const asked = await createSolicitation(
    adele!,
    {
      dossierId: ids.ecole,
      kind: "opinion",
      scope: "technical",
      external: true,
      partnerEmail: pierre!.email,
      dueDate: due,
      instructions: "Merci de donner votre avis sur l'état de la charpente d'après les plans de 1978.",
    },
    at,
  );
  if (!asked.ok || !asked.value.key) throw new Error("seed solicitation refused");
  const attached = await attachWithKey(pierre!, { key: asked.value.key }, "seed", new Date(at.getTime() + 3600_000));
  if (!attached.ok) throw new Error("seed attachment refused");
}

if (process.argv[1]?.endsWith("seed.ts")) {
  seedDemo()
    .then(async (seeded) => {
      process.stdout.write(seeded ? "Demo data seeded.\n" : "Database not empty: demo data left as it is.\n");
      await closeDb();
    })
    .catch(async (e) => {
      process.stderr.write(`Seeding failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      await closeDb();
      process.exit(1);
    });
}
