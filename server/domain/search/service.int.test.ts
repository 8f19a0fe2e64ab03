// C9 on SQLite (FTS5) and PostgreSQL (tsvector): who finds what (A1–A5, the policy inside the query),
// French word forms and accents, an index kept in step with its tables, bad input refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, hot } from "../../db";
import { sql } from "../../db/hot";
import { useTestDatabase } from "../../test/db";
import { actor, makeDossier, makeOrganization, makeUser, makeWorld } from "../../test/factories";
import { postMessage } from "../conversation/service";
import { removeMember } from "../membership/service";
import { createRecommendation } from "../recommendation/service";
import { RESULT_LIMIT, search, type SearchOutcome } from "./service";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

let n = 0;
async function say(userId: string, dossierId: string, body: string) {
  const res = await postMessage(await actor(userId), {
    dossierId,
    clientId: `client-${String(++n).padStart(4, "0")}`,
    body,
  });
  if (!res.ok) throw new Error(res.error.message);
  return res.message;
}

async function addDocument(dossierId: string, uploaderId: string, originalName: string) {
  return db().document.create({
    data: {
      dossierId,
      uploaderId,
      originalName,
      storageKey: `k-${++n}-${Math.random()}`,
      mimeType: "application/pdf",
      size: 10,
      sha256: "0".repeat(64),
    },
  });
}

async function find(userId: string, q: string, dossierId?: string): Promise<SearchOutcome> {
  const res = await search(await actor(userId), { q, dossierId });
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.value;
}

const found = (out: SearchOutcome) => out.results.map((r) => `${r.kind}:${r.id}`).sort();

describe("C9: the access matrix is in the query (A1–A5)", () => {
  let w: Awaited<ReturnType<typeof makeWorld>>;
  let expected: string[];
  let elsewhere: string[];
  let coordinator: { id: string };
  let partner: { id: string };
  let removed: { id: string };

  beforeAll(async () => {
    w = await makeWorld();
    coordinator = await makeUser("Carla Coord", { organizationId: w.org.id });
    await db().membership.update({
      where: { organizationId_userId: { organizationId: w.org.id, userId: coordinator.id } },
      data: { coordinator: true },
    });
    partner = await makeUser("Pierre Partenaire");
    await db().solicitation.create({
      data: {
        dossierId: w.dossier.id,
        kind: "opinion",
        scope: "technical",
        external: true,
        partnerEmail: "pierre@partenaire.test",
        partnerUserId: partner.id,
        askedById: w.advisor.id,
        attachedAt: new Date(),
      },
    });
    removed = await makeUser("Rémi Retiré");
    await db().dossierMember.create({
      data: { dossierId: w.dossier.id, userId: removed.id, side: "applicant", role: "applicant" },
    });
    await db().dossier.update({ where: { id: w.dossier.id }, data: { title: "Zorglub : rénovation de l'école" } });
    const msg = await say(w.referent.id, w.dossier.id, "Le devis zorglub est arrivé hier.");
    const reco = await createRecommendation(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      title: "Isoler les combles zorglub",
    });
    if (!reco.ok) throw new Error("recommendation");
    const doc = await addDocument(w.dossier.id, w.applicant.id, "plan-zorglub.pdf");
    expect(
      await removeMember(await actor(w.advisor.id), { dossierId: w.dossier.id, userId: removed.id }),
    ).toMatchObject({ ok: true });
    expected = [
      `dossier:${w.dossier.id}`,
      `message:${msg.id}`,
      `recommendation:${reco.recommendation.id}`,
      `document:${doc.id}`,
    ].sort();

    // The other organization has the same word in its own dossier.
    const sudAdvisor = await makeUser("Sud Conseil", { organizationId: w.other.id });
    const sud = await makeDossier(
      w.other.id,
      [{ userId: sudAdvisor.id, role: "advisor", holder: true }],
      "Zorglub Sud",
    );
    const sudMsg = await say(sudAdvisor.id, sud.id, "zorglub aussi");
    elsewhere = [`dossier:${sud.id}`, `message:${sudMsg.id}`].sort();
  });

  it("C9, A1: referent, applicant, advisor and staff of the organization find the four kinds of the dossier, nothing of another organization", async () => {
    for (const u of [w.referent, w.applicant, w.advisor, w.staff]) {
      const out = await find(u.id, "zorglub");
      expect(found(out), u.name ?? "").toEqual(expected);
    }
  });

  it("C9, A3: another organization's staff finds only their own organization's dossier", async () => {
    expect(found(await find(w.otherStaff.id, "zorglub"))).toEqual(elsewhere);
  });

  it("C9, A1, A2, A5: a member of the organization outside the dossier, a coordinator, a partner and a removed member find nothing", async () => {
    for (const u of [w.outsider, coordinator, partner, removed]) {
      expect((await find(u.id, "zorglub")).results, u.id).toEqual([]);
    }
  });

  it("C9, A1: a search limited to a dossier the actor may not see is not found (404), whoever asks", async () => {
    for (const u of [w.otherStaff, w.outsider, coordinator, partner, removed]) {
      const res = await search(await actor(u.id), { q: "zorglub", dossierId: w.dossier.id });
      expect(res.ok ? "ok" : res.error.code).toBe("not_found");
    }
    const res = await search(await actor(w.referent.id), { q: "zorglub", dossierId: "no-such-dossier" });
    expect(res.ok ? "ok" : res.error.code).toBe("not_found");
  });

  it("C9: a search limited to a dossier finds only that dossier's entries", async () => {
    const other = await makeDossier(w.org.id, [{ userId: w.applicant.id, role: "referent" }], "Autre zorglub");
    const all = await find(w.applicant.id, "zorglub");
    expect(all.results.map((r) => r.dossierId)).toContain(other.id);
    const scoped = await find(w.applicant.id, "zorglub", w.dossier.id);
    expect(scoped.scope).toEqual({ id: w.dossier.id, title: "Zorglub : rénovation de l'école" });
    expect(found(scoped)).toEqual(expected);
  });

  it("C9, A4: an advisor-only entry is found by the advisor side and staff, never by the applicant side", async () => {
    const doc = await addDocument(w.dossier.id, w.advisor.id, "note-interne-zorglub.pdf");
    await hot().transaction((q) =>
      q.run(sql("test.advisorsOnly", `UPDATE "SearchEntry" SET "audience" = 'advisors' WHERE "refId" = ?`), [doc.id]),
    );
    const key = `document:${doc.id}`;
    for (const u of [w.advisor, w.staff]) expect(found(await find(u.id, "zorglub"))).toContain(key);
    for (const u of [w.referent, w.applicant]) expect(found(await find(u.id, "zorglub"))).not.toContain(key);
  });

  it("C9: a message result opens the message in its place in the conversation, with its seq", async () => {
    const out = await find(w.applicant.id, "devis");
    const m = out.results.find((r) => r.kind === "message");
    expect(m?.seq).toBeGreaterThan(0);
    expect(m?.href).toBe(`/dossiers/${w.dossier.id}?seq=${m?.seq}#message-${m?.seq}`);
    expect(m?.dossierTitle).toBe("Zorglub : rénovation de l'école");
    expect(m?.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(["devis"]);
  });
});

describe("C9: French-aware", () => {
  let w: Awaited<ReturnType<typeof makeWorld>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    w = await makeWorld();
    ids.ecole = (await say(w.advisor.id, w.dossier.id, "Visite de l'École maternelle mardi")).id;
    ids.devis = (await say(w.referent.id, w.dossier.id, "Devis signé pour la toiture")).id;
    ids.chaudieres = (await say(w.referent.id, w.dossier.id, "Les chaudières sont anciennes")).id;
    ids.isolation = (await say(w.advisor.id, w.dossier.id, "Isolation du mur nord")).id;
  });

  const messages = (out: SearchOutcome) =>
    out.results.filter((r) => r.kind === "message").map((r) => Object.keys(ids).find((k) => ids[k] === r.id));

  it("C9: 'ecole', 'ECOLE' and 'écoles' find 'École' (accents, case, plural)", async () => {
    for (const q of ["ecole", "ECOLE", "écoles", "Ecoles"])
      expect(messages(await find(w.applicant.id, q)), q).toEqual(["ecole"]);
  });

  it("C9: 'devis' finds 'Devis'", async () => {
    expect(messages(await find(w.applicant.id, "devis"))).toEqual(["devis"]);
  });

  it("C9: a singular finds a plural and a plural finds a singular", async () => {
    expect(messages(await find(w.applicant.id, "chaudière"))).toEqual(["chaudieres"]);
    expect(messages(await find(w.applicant.id, "isolations"))).toEqual(["isolation"]);
    expect(messages(await find(w.applicant.id, "murs"))).toEqual(["isolation"]);
  });

  it("C9: every word must be found; stop words alone find nothing and are no error", async () => {
    expect(messages(await find(w.applicant.id, "isolation mur"))).toEqual(["isolation"]);
    expect(messages(await find(w.applicant.id, "isolation toiture"))).toEqual([]);
    expect((await find(w.applicant.id, "de la")).results).toEqual([]);
  });

  it("C9: the matching words are marked in the snippet, accents kept", async () => {
    const out = await find(w.applicant.id, "ecole");
    expect(out.results[0].snippet).toEqual([
      { text: "Visite de l'", hit: false },
      { text: "École", hit: true },
      { text: " maternelle mardi", hit: false },
    ]);
  });
});

describe("C9: the index keeps in step with its tables", () => {
  it("C9: a renamed dossier is found by its new title only", async () => {
    const w = await makeWorld();
    await db().dossier.update({ where: { id: w.dossier.id }, data: { title: "Ancienne grange" } });
    await db().dossier.update({ where: { id: w.dossier.id }, data: { title: "Nouvelle médiathèque" } });
    const titles = async (q: string) =>
      (await find(w.referent.id, q)).results.filter((r) => r.kind === "dossier").map((r) => r.id);
    expect(await titles("grange")).toEqual([]);
    expect(await titles("mediatheque")).toEqual([w.dossier.id]);
  });

  it("C9: a renamed recommendation and document are found by their new names only", async () => {
    const w = await makeWorld();
    const reco = await createRecommendation(await actor(w.advisor.id), {
      dossierId: w.dossier.id,
      title: "Panneaux solaires",
    });
    if (!reco.ok) throw new Error("recommendation");
    await db().recommendation.update({ where: { id: reco.recommendation.id }, data: { title: "Pompe à chaleur" } });
    const doc = await addDocument(w.dossier.id, w.referent.id, "facture-janvier.pdf");
    await db().document.update({ where: { id: doc.id }, data: { originalName: "facture-fevrier.pdf" } });
    expect((await find(w.referent.id, "solaires")).results).toEqual([]);
    expect((await find(w.referent.id, "janvier")).results).toEqual([]);
    expect(found(await find(w.referent.id, "pompe chaleur"))).toEqual([`recommendation:${reco.recommendation.id}`]);
    expect(found(await find(w.referent.id, "février"))).toEqual([`document:${doc.id}`]);
  });

  it("C9: a deleted message, and everything of a deleted dossier, is no longer found", async () => {
    const w = await makeWorld();
    const m = await say(w.referent.id, w.dossier.id, "Message éphémère");
    expect(found(await find(w.referent.id, "ephemere"))).toEqual([`message:${m.id}`]);
    await db().message.delete({ where: { id: m.id } });
    expect((await find(w.referent.id, "ephemere")).results).toEqual([]);

    const d = await makeDossier(w.org.id, [{ userId: w.referent.id, role: "referent" }], "Dossier supprimé");
    await say(w.referent.id, d.id, "supprimé bientôt");
    await db().dossier.delete({ where: { id: d.id } });
    const left = await hot().get<{ n: number | bigint }>(
      sql("test.entriesOf", `SELECT COUNT(*) AS "n" FROM "SearchEntry" WHERE "dossierId" = ?`),
      [d.id],
    );
    expect(Number(left?.n)).toBe(0);
    expect((await find(w.staff.id, "supprime")).results).toEqual([]);
  });

  it("C9: at most RESULT_LIMIT results, equally relevant ones newest first", async () => {
    const org = await makeOrganization();
    const u = await makeUser("Lecteur", { organizationId: org.id });
    const d = await makeDossier(org.id, [{ userId: u.id, role: "advisor", holder: true }], "Sans rapport");
    for (let i = 0; i < RESULT_LIMIT + 5; i++)
      await postMessage(
        await actor(u.id),
        { dossierId: d.id, clientId: `limit-${String(i).padStart(4, "0")}`, body: "relance" },
        new Date(Date.UTC(2026, 0, 1, 0, i)),
      );
    const out = await find(u.id, "relance");
    expect(out.results).toHaveLength(RESULT_LIMIT);
    const seqs = out.results.map((r) => r.seq ?? 0);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs[0]).toBe(RESULT_LIMIT + 5);
  });
});

describe("C9: bad input is refused before anything runs", () => {
  it("C9: empty, blank, too long, control or bidi characters, wrong type: invalid with a clear message", async () => {
    const w = await makeWorld();
    const a = await actor(w.referent.id);
    const cases: [unknown, string][] = [
      [{ q: "" }, "Tapez un mot à chercher."],
      [{ q: "   " }, "Tapez un mot à chercher."],
      [{ q: "a".repeat(201) }, "La recherche ne peut pas dépasser 200 caractères."],
      [{ q: "école\u0000" }, "La recherche contient des caractères non autorisés."],
      [{ q: "\u202eécole" }, "La recherche contient des caractères non autorisés."],
      [{ q: 42 }, "Tapez un mot à chercher."],
      [{}, "Tapez un mot à chercher."],
      [null, "La saisie n’est pas valide."],
    ];
    for (const [input, message] of cases) {
      const res = await search(a, input);
      expect(res.ok, JSON.stringify(input)).toBe(false);
      if (!res.ok) expect(res.error).toEqual({ code: "invalid", message });
    }
    expect((await search(a, { q: "a".repeat(200) })).ok).toBe(true);
  });
});
