// Advisor-side notes (A4), confidential and raw-data flags on notes and documents (T4, T6, T7), and the
// appointments and tasks a transfer leaves behind (T4). Every change goes through change.ts; its event
// is for the advisor side and carries no content (events.ts), only the derived badge (T6).
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { asBool, newId, type HotQueries } from "../../db/hot";
import { fail, type Result } from "../../errors";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { createdBeforeWhere, type DossierAccess } from "../dossier/policy";
import { DOSSIER_OF_DOCUMENT } from "../document/queries";
import {
  APPOINTMENT_CREATED,
  confidentialityOf,
  DOCUMENT_FLAGS,
  NOTE_CONFIDENTIALITY,
  NOTE_CREATED,
  TASK_CHANGED,
  type Confidentiality,
  type PrivateItemPayload,
} from "./events";
import { canMarkConfidential, canWriteNotes, visibleItemsWhere } from "./policy";
import {
  CONFIDENTIALITY_COUNTS,
  DOCUMENT_FOR_FLAGS,
  DOSSIER_OF_NOTE,
  DOSSIER_OF_TASK,
  HIDE_FROM_PARTNERS,
  INSERT_APPOINTMENT,
  INSERT_NOTE,
  INSERT_TASK,
  SET_DOCUMENT_FLAGS,
  SET_NOTE_CONFIDENTIAL,
  SET_TASK_DONE,
} from "./queries";
import {
  createAppointmentSchema,
  createNoteSchema,
  createTaskSchema,
  documentFlagsSchema,
  noteConfidentialSchema,
  toggleTaskSchema,
} from "./schema";

type Counts = { notes: unknown; confidentialNotes: unknown; documents: unknown; confidentialDocuments: unknown };

async function badge(q: Pick<HotQueries, "get">, dossierId: string): Promise<Confidentiality> {
  const c = await q.get<Counts>(CONFIDENTIALITY_COUNTS, [dossierId, dossierId, true, dossierId, dossierId, true]);
  if (!c) return "none";
  return confidentialityOf(
    Number(c.confidentialNotes) + Number(c.confidentialDocuments),
    Number(c.notes) + Number(c.documents),
  );
}

async function emitPrivate(ctx: ChangeContext<DossierAccess>, type: string, id: string) {
  const payload: PrivateItemPayload = { id, confidentiality: await badge(ctx.q, ctx.dossierId) };
  await ctx.emit(type, payload, { audience: "advisors" });
}

const writeNotes = (actor: Actor) => (q: HotQueries, id: string) => canWriteNotes(actor, id, q);

/** A4: an advisor writes a note; T7: the holder may write it confidential (then they alone see it). */
export async function createNote(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ noteId: string }>> {
  const parsed = createNoteSchema.safeParse(raw);
  if (!parsed.success)
    return fail(
      "invalid",
      actor.locale,
      parsed.error.issues.some((i) => i.message === "note.error.empty") ? "note.error.empty" : undefined,
    );
  const { dossierId, body, confidential } = parsed.data;
  return changeDossier({ dossierId, actor, now, authorize: writeNotes(actor) }, async (ctx) => {
    if (confidential && !canMarkConfidential(ctx.access)) return ctx.refuse("invalid", "note.error.holderOnly");
    const id = newId();
    await ctx.q.run(INSERT_NOTE, [
      id,
      dossierId,
      actor.userId,
      body,
      confidential,
      confidential ? actor.userId : null,
      now,
      now,
    ]);
    await emitPrivate(ctx, NOTE_CREATED, id);
    return { noteId: id };
  });
}

/** T6, T7: the holder marks a note confidential (visible to them only) or shares it again. */
export async function setNoteConfidential(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ confidential: boolean }>> {
  const parsed = noteConfidentialSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { noteId, confidential } = parsed.data;
  const found = await hot().get<{ dossierId: string }>(DOSSIER_OF_NOTE, [noteId]);
  if (!found) return fail("not_found", actor.locale);
  return changeDossier({ dossierId: found.dossierId, actor, now, authorize: writeNotes(actor) }, async (ctx) => {
    if (!canMarkConfidential(ctx.access)) return ctx.refuse("invalid", "note.error.holderOnly");
    const changed = await ctx.q.run(SET_NOTE_CONFIDENTIAL, [
      confidential,
      confidential ? actor.userId : null,
      now,
      noteId,
      ctx.dossierId,
      actor.userId,
    ]);
    if (changed === 0) return ctx.refuse("not_found");
    await emitPrivate(ctx, NOTE_CONFIDENTIALITY, noteId);
    return { confidential };
  });
}

/** T4, T6, T7: the holder marks a document confidential and/or raw data. */
export async function setDocumentFlags(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ confidential: boolean; rawData: boolean }>> {
  const parsed = documentFlagsSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { documentId } = parsed.data;
  const found = await hot().get<{ dossierId: string }>(DOSSIER_OF_DOCUMENT, [documentId]);
  if (!found) return fail("not_found", actor.locale);
  return changeDossier({ dossierId: found.dossierId, actor, now, authorize: writeNotes(actor) }, async (ctx) => {
    if (!canMarkConfidential(ctx.access)) return ctx.refuse("invalid", "note.error.holderOnly");
    const doc = await ctx.q.get<{ confidential: unknown; rawData: unknown; visibleToUserId: string | null }>(
      DOCUMENT_FOR_FLAGS,
      [documentId, ctx.dossierId],
    );
    // T7: an item restricted to someone else does not exist for this actor.
    if (!doc || (doc.visibleToUserId !== null && doc.visibleToUserId !== actor.userId)) return ctx.refuse("not_found");
    const confidential = parsed.data.confidential ?? asBool(doc.confidential);
    const rawData = parsed.data.rawData ?? asBool(doc.rawData);
    const visibleTo = confidential ? actor.userId : doc.visibleToUserId;
    await ctx.q.run(SET_DOCUMENT_FLAGS, [confidential, rawData, visibleTo, documentId]);
    if (confidential) await ctx.q.run(HIDE_FROM_PARTNERS, [false, documentId]);
    await emitPrivate(ctx, DOCUMENT_FLAGS, documentId);
    return { confidential, rawData };
  });
}

/** T4: an appointment; it is its owner's and never goes along with a transfer. */
export async function createAppointment(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const parsed = createAppointmentSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, at, place, attendees } = parsed.data;
  return changeDossier({ dossierId, actor, now, authorize: writeNotes(actor) }, async (ctx) => {
    const id = newId();
    await ctx.q.run(INSERT_APPOINTMENT, [id, dossierId, actor.userId, at, place, attendees, now]);
    await emitPrivate(ctx, APPOINTMENT_CREATED, id);
    return { id };
  });
}

/** T4: a task or memo; it is its owner's and never goes along with a transfer. */
export async function createTask(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const parsed = createTaskSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, title } = parsed.data;
  return changeDossier({ dossierId, actor, now, authorize: writeNotes(actor) }, async (ctx) => {
    const id = newId();
    await ctx.q.run(INSERT_TASK, [id, dossierId, actor.userId, title, false, now]);
    await emitPrivate(ctx, TASK_CHANGED, id);
    return { id };
  });
}

export async function toggleTask(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ done: boolean }>> {
  const parsed = toggleTaskSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { taskId, done } = parsed.data;
  const found = await hot().get<{ dossierId: string; ownerId: string }>(DOSSIER_OF_TASK, [taskId]);
  // A task is its owner's alone (nobody else's Notes tab lists it): anyone else's tick finds nothing (A1).
  if (!found || found.ownerId !== actor.userId) return fail("not_found", actor.locale);
  return changeDossier({ dossierId: found.dossierId, actor, now, authorize: writeNotes(actor) }, async (ctx) => {
    if ((await ctx.q.run(SET_TASK_DONE, [done, taskId, actor.userId, done])) === 0) return { done };
    await emitPrivate(ctx, TASK_CHANGED, taskId);
    return { done };
  });
}

export type NoteView = {
  id: string;
  body: string;
  authorName: string;
  confidential: boolean;
  createdAt: string;
  mine: boolean;
};
export type AppointmentView = { id: string; at: string; place: string; attendees: string };
export type TaskView = { id: string; title: string; done: boolean };
export type DocumentFlagsView = { id: string; name: string; confidential: boolean; rawData: boolean };

/** The Notes tab (advisor side only, A4): the notes this viewer may see (T7), their appointments and tasks. */
export async function notesTab(
  actor: Actor,
  access: DossierAccess,
): Promise<{
  notes: NoteView[];
  appointments: AppointmentView[];
  tasks: TaskView[];
  canMarkConfidential: boolean;
  /** T4, T7: the holder flags documents here (confidential, raw data) */
  documents: DocumentFlagsView[];
  /** T4: a read-only copy reads the notes left to it, and writes nothing */
  readOnly: boolean;
} | null> {
  // A4: never the applicant side; T4: a read-only copy keeps reading what it kept.
  if (access.side !== "advisor" && !access.readOnly) return null;
  const dossierId = access.dossierId;
  const [notes, appointments, tasks] = await Promise.all([
    db().note.findMany({
      // T4: a read-only copy shows the notes as they were at its transfer.
      where: { dossierId, ...visibleItemsWhere(actor.userId), ...createdBeforeWhere(access) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
      select: { id: true, body: true, authorId: true, confidential: true, createdAt: true },
    }),
    db().appointment.findMany({ where: { dossierId, ownerId: actor.userId }, orderBy: { at: "asc" }, take: 200 }),
    db().task.findMany({ where: { dossierId, ownerId: actor.userId }, orderBy: { createdAt: "asc" }, take: 200 }),
  ]);
  const documents = canMarkConfidential(access)
    ? await db().document.findMany({
        where: { dossierId, ...visibleItemsWhere(actor.userId) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 500,
        select: { id: true, originalName: true, confidential: true, rawData: true },
      })
    : [];
  const authors = await db().user.findMany({
    where: { id: { in: [...new Set(notes.map((n) => n.authorId))] } },
    select: { id: true, name: true, email: true },
  });
  const names = new Map(authors.map((u) => [u.id, u.name ?? u.email]));
  return {
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      authorName: names.get(n.authorId) ?? "",
      confidential: n.confidential,
      createdAt: n.createdAt.toISOString(),
      mine: n.authorId === actor.userId,
    })),
    appointments: appointments.map((a) => ({
      id: a.id,
      at: a.at.toISOString(),
      place: a.place,
      attendees: a.attendees,
    })),
    tasks: tasks.map((t) => ({ id: t.id, title: t.title, done: t.done })),
    canMarkConfidential: canMarkConfidential(access),
    readOnly: access.readOnly === true,
    documents: documents.map((d) => ({
      id: d.id,
      name: d.originalName,
      confidential: d.confidential,
      rawData: d.rawData,
    })),
  };
}

/** T6: one dossier's badge, in one prepared statement (the dossier header reads it on every tab, G12). */
export async function dossierConfidentiality(dossierId: string): Promise<Confidentiality> {
  return badge(hot(), dossierId);
}

/** T6: the badge of each dossier (none, partial, all), for the header and every list of dossiers. */
export async function confidentialityByDossier(dossierIds: string[]): Promise<Map<string, Confidentiality>> {
  const result = new Map<string, Confidentiality>();
  if (dossierIds.length === 0) return result;
  const where = { dossierId: { in: dossierIds } };
  const [notes, confNotes, docs, confDocs] = await Promise.all([
    db().note.groupBy({ by: ["dossierId"], where, _count: { _all: true } }),
    db().note.groupBy({ by: ["dossierId"], where: { ...where, confidential: true }, _count: { _all: true } }),
    db().document.groupBy({ by: ["dossierId"], where, _count: { _all: true } }),
    db().document.groupBy({ by: ["dossierId"], where: { ...where, confidential: true }, _count: { _all: true } }),
  ]);
  const count = (rows: { dossierId: string; _count: { _all: number } }[]) =>
    new Map(rows.map((r) => [r.dossierId, r._count._all]));
  const [n, cn, d, cd] = [count(notes), count(confNotes), count(docs), count(confDocs)];
  for (const id of dossierIds)
    result.set(id, confidentialityOf((cn.get(id) ?? 0) + (cd.get(id) ?? 0), (n.get(id) ?? 0) + (d.get(id) ?? 0)));
  return result;
}
