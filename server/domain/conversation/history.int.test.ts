// C8: the whole history by keyset pages on seq, on SQLite and PostgreSQL; who a question went to is
// read by the advisor side only (C2, C3, A4); access as everywhere (A1).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { newId } from "../../db/hot";
import { useTestDatabase } from "../../test/db";
import { actor, makeWorld } from "../../test/factories";
import { HISTORY_PAGE_SIZE } from "./events";
import { addressedTo, historyPage, lastReadFor, latestConversation, olderMessages, postMessage } from "./service";
import { dossierAccess } from "../dossier/policy";

let tdb: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  tdb = await useTestDatabase();
});
afterAll(async () => tdb.cleanup());

/**
 * The first and every 1001st seq are pause events (system lines), the others are messages: 10,000
 * messages. A line before the first message must still come with the last page.
 */
const MESSAGES = 10_000;
const LAST_SEQ = 10_011;
const isLine = (seq: number) => seq === 1 || seq % 1001 === 0;

async function bigDossier() {
  const w = await makeWorld();
  const at = (seq: number) => new Date(Date.UTC(2026, 0, 1) + seq * 60_000);
  const seqs = Array.from({ length: LAST_SEQ }, (_, i) => i + 1);
  const messageSeqs = seqs.filter((s) => !isLine(s));
  expect(messageSeqs).toHaveLength(MESSAGES);
  for (let i = 0; i < messageSeqs.length; i += 1000) {
    await db().message.createMany({
      data: messageSeqs.slice(i, i + 1000).map((seq) => ({
        id: newId(),
        dossierId: w.dossier.id,
        authorId: seq % 2 ? w.referent.id : w.advisor.id,
        clientId: `bulk-${seq}`,
        body: `message ${seq}`,
        seq,
        createdAt: at(seq),
      })),
    });
  }
  await db().dossierEvent.createMany({
    data: seqs.filter(isLine).map((seq) => ({
      dossierId: w.dossier.id,
      seq,
      type: seq % 2 ? "dossier.paused" : "dossier.reactivated",
      payload: JSON.stringify({ cause: "manual" }),
      audience: "all",
      createdAt: at(seq),
    })),
  });
  await db().dossier.update({ where: { id: w.dossier.id }, data: { seq: LAST_SEQ } });
  return w;
}

describe("C8: history by keyset pages", () => {
  it("C8: pages through 10,000 messages by seq with no gap or duplicate, system lines each once in their page", async () => {
    const w = await bigDossier();
    const access = (await dossierAccess({ userId: w.referent.id }, w.dossier.id))!;
    const first = await latestConversation(access);
    expect(first.messages).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.messages.at(-1)!.seq).toBe(LAST_SEQ);
    const seen: number[] = first.messages.map((m) => m.seq);
    const lines: number[] = first.systemLines.map((l) => l.seq);
    let before = first.messages[0].seq;
    let pages = 1;
    for (;;) {
      const page = await olderMessages(access, before);
      if (page.messages.length === 0) {
        lines.unshift(...page.systemLines.map((l) => l.seq));
        break;
      }
      pages++;
      // Oldest first inside the page, and the whole page strictly before the previous one.
      const s = page.messages.map((m) => m.seq);
      expect(s).toEqual([...s].sort((a, b) => a - b));
      expect(s.at(-1)!).toBeLessThan(before);
      // Every line of the page lies within its range.
      for (const l of page.systemLines) {
        expect(l.seq).toBeLessThan(before);
        if (page.hasOlder) expect(l.seq).toBeGreaterThan(s[0]);
      }
      seen.unshift(...s);
      lines.unshift(...page.systemLines.map((l) => l.seq));
      before = s[0];
      // The last full page already says it is the last one.
      expect(page.hasOlder).toBe(s[0] !== 2);
      if (!page.hasOlder) break;
    }
    expect(pages).toBe(MESSAGES / HISTORY_PAGE_SIZE);
    const expected = Array.from({ length: LAST_SEQ }, (_, i) => i + 1);
    expect(seen).toEqual(expected.filter((x) => !isLine(x)));
    expect(lines).toEqual(expected.filter(isLine));
    // The bodies are the messages of those seqs (the page is not only seqs).
    const page = await olderMessages(access, 5000);
    expect(page.messages.at(-1)).toMatchObject({ seq: 4999, body: "message 4999", author: { id: w.referent.id } });
    expect(page.messages[0].seq).toBe(4950);
  });

  it("C8: the action's service refuses bad input and answers not_found without access (A1)", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    for (let i = 0; i < 3; i++)
      expect(
        (await postMessage(paul, { dossierId: w.dossier.id, clientId: `hist-access-${i}`, body: `m${i}` })).ok,
      ).toBe(true);
    const ok = await historyPage(paul, { dossierId: w.dossier.id, beforeSeq: 3 });
    expect(ok.ok && ok.value.messages.map((m) => m.body)).toEqual(["m0", "m1"]);
    // Staff of the organization read it too.
    expect((await historyPage(await actor(w.staff.id), { dossierId: w.dossier.id, beforeSeq: 3 })).ok).toBe(true);
    for (const who of [w.otherStaff.id, w.outsider.id]) {
      expect(await historyPage(await actor(who), { dossierId: w.dossier.id, beforeSeq: 3 })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
    }
    await db().dossierMember.deleteMany({ where: { dossierId: w.dossier.id, userId: w.applicant.id } });
    expect(await historyPage(await actor(w.applicant.id), { dossierId: w.dossier.id, beforeSeq: 3 })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    for (const bad of [null, { dossierId: w.dossier.id }, { dossierId: w.dossier.id, beforeSeq: 0 }, { beforeSeq: 2 }])
      expect(await historyPage(paul, bad)).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("C8, C7: the unread marker starts after the user's last read seq", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    const access = (await dossierAccess(paul, w.dossier.id))!;
    expect(await lastReadFor(paul, access)).toBe(0);
    await db().dossierRead.create({
      data: { id: newId(), userId: w.referent.id, dossierId: w.dossier.id, lastReadSeq: 7, updatedAt: new Date() },
    });
    expect(await lastReadFor(paul, access)).toBe(7);
  });
});

describe("C2, C3, A4: whom a question was addressed to", () => {
  it("C2: the advisor side reads the recipients' names; the applicant side never does", async () => {
    const w = await makeWorld();
    const paul = await actor(w.referent.id);
    const sent = await postMessage(paul, {
      dossierId: w.dossier.id,
      clientId: "addressed-to-0001",
      body: "Question",
      recipientIds: [w.advisor.id],
    });
    expect(sent.ok).toBe(true);
    const seq = sent.ok ? sent.message.seq : 0;
    // The live message (audience "all") carries no names.
    expect(sent.ok && sent.message.to).toBeUndefined();
    const advisorPage = await latestConversation((await dossierAccess({ userId: w.advisor.id }, w.dossier.id))!);
    expect(advisorPage.messages[0].to).toEqual(["Adele Test"]);
    const staffLive = await addressedTo(await actor(w.staff.id), { dossierId: w.dossier.id, fromSeq: seq, toSeq: seq });
    expect(staffLive).toEqual({ ok: true, value: { [seq]: ["Adele Test"] } });

    const applicantPage = await latestConversation((await dossierAccess({ userId: w.applicant.id }, w.dossier.id))!);
    expect(applicantPage.messages[0].to).toBeUndefined();
    expect(
      await addressedTo(await actor(w.applicant.id), { dossierId: w.dossier.id, fromSeq: seq, toSeq: seq }),
    ).toEqual({ ok: true, value: {} });
    expect(
      await addressedTo(await actor(w.otherStaff.id), { dossierId: w.dossier.id, fromSeq: seq, toSeq: seq }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(
      await addressedTo(await actor(w.advisor.id), { dossierId: w.dossier.id, fromSeq: 5, toSeq: 2 }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
  });
});
