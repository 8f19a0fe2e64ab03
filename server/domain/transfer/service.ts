// Dossier transfers (T2–T4, T7, T8): the holder (or staff) asks a colleague, a coordinator moves one or
// all active dossiers of a practitioner (T3); the recipient accepts or refuses; unanswered, it expires
// after 14 days (expireTransfers, run by server/jobs with the clock as a parameter). Every step is a
// change of the dossier (change.ts): under its lock, guarded in the database ("where pending"), so two
// answers at the same moment have one outcome, and with its event in the timeline (T8).
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { asBool, asDate, asDateOrNull, newId, type HotQueries } from "../../db/hot";
import { fail, ok, type AppError, type Result } from "../../errors";
import { changeDossier, type ChangeContext } from "../dossier/change";
import { dossierAccess } from "../dossier/policy";
import { mayLeave } from "../notification/gate";
import { recordEmail } from "../outbox/queries";
import type { EmailParams } from "../outbox/templates";
import { publisher } from "../ports";
import {
  REFERENT_CHANGED,
  TRANSFER_ACCEPTED,
  TRANSFER_CANCELLED,
  TRANSFER_DAYS,
  TRANSFER_EXPIRED,
  TRANSFER_REFUSED,
  TRANSFER_REQUESTED,
  type ReferentChangedPayload,
  type TransferPayload,
} from "./events";
import { canRequestTransfer, isCoordinatorOfDossier, transferForRecipient, transferForRequester } from "./policy";
import {
  ACCEPT_TRANSFER,
  CLOSE_TRANSFER,
  COLLEAGUE,
  DELETE_MEMBER,
  DUE_TRANSFERS,
  EXPIRE_TRANSFER,
  HOLDER_OF,
  INSERT_HOLDER,
  INSERT_TRANSFER,
  MAKE_READ_ONLY,
  MEMBER_OF,
  MOVE_CONFIDENTIAL_NOTES,
  PENDING_OF_DOSSIER,
  SET_DOCUMENT_VISIBLE_TO,
  SET_HOLDER,
  SET_MEMBER_ROLE,
  TRANSFERABLE_DOCUMENTS,
  TRANSFER_BY_ID,
  USER_CONTACT,
  type TransferRow,
} from "./queries";
import {
  answerTransferSchema,
  cancelTransferSchema,
  coordinatorTransferSchema,
  handReferentSchema,
  requestTransferSchema,
} from "./schema";

const DAY_MS = 24 * 60 * 60 * 1000;

type Options = { withConfidential: boolean; withRawData: boolean; keepReadOnlyCopy: boolean };
type Contact = { id: string; name: string | null; email: string; locale: string; deactivatedAt: unknown };
type TransferEvent = EmailParams["transfer"]["event"];

async function contact(q: HotQueries, userId: string): Promise<Contact | undefined> {
  return q.get<Contact>(USER_CONTACT, [userId]);
}

const nameOf = (c: Contact | undefined) => c?.name ?? c?.email ?? "";

/**
 * T8: tells one party about a transfer. The request to the recipient is transactional (it always
 * leaves); the rest are notifications through the preference gate, asked now and again when they leave
 * (N8, N9). They are not tied to the dossier's access: the sender may just have lost it, the recipient
 * may not have it yet.
 */
async function tell(
  ctx: ChangeContext<unknown>,
  to: Contact,
  event: TransferEvent,
  p: { title: string; from: string; toName: string; by: string | null },
  transactional = false,
) {
  // X1: a deactivated account hears nothing more.
  if (asDateOrNull(to.deactivatedAt) !== null) return;
  const kind = transactional ? "transactional" : "notification";
  const verdict = await mayLeave(ctx.q, {
    kind,
    template: "transfer",
    userId: to.id,
    dossierId: null,
    locale: to.locale,
  });
  if (!verdict.leave) return;
  await recordEmail(
    {
      kind,
      template: "transfer",
      params: { event, title: p.title, from: p.from, to: p.toName, by: p.by, userId: to.id },
      toEmail: to.email,
      userId: to.id,
      organizationId: ctx.organizationId,
      locale: verdict.locale,
    },
    ctx.q,
    ctx.now,
  );
  ctx.emailed();
}

async function dossierTitle(dossierId: string): Promise<string> {
  const d = await db().dossier.findUnique({ where: { id: dossierId }, select: { title: true } });
  return d?.title ?? "";
}

/** Both parties' dashboards change (the request appears or goes): the user rooms hear it. */
function touchDashboards(ctx: ChangeContext<unknown>, userIds: string[]) {
  const dossierId = ctx.dossierId;
  ctx.afterCommit(() => publisher().usersChanged?.(userIds, dossierId));
}

function payloadOf(t: TransferRow, from: Contact | undefined, to: Contact | undefined, by: string | null) {
  const payload: TransferPayload = {
    transferId: t.id,
    fromUserId: t.fromUserId,
    fromName: nameOf(from),
    toUserId: t.toUserId,
    toName: nameOf(to),
    byName: by,
    withConfidential: asBool(t.withConfidential),
    withRawData: asBool(t.withRawData),
    keepReadOnlyCopy: asBool(t.keepReadOnlyCopy),
  };
  return payload;
}

type Requester = { mode: "holder" } | { mode: "coordinator"; fromUserId: string };

async function requestOne(
  actor: Actor,
  dossierId: string,
  toUserId: string,
  opts: Options,
  who: Requester,
  now: Date,
): Promise<Result<{ transferId: string }>> {
  const title = await dossierTitle(dossierId);
  return changeDossier(
    {
      dossierId,
      actor,
      now,
      activity: false,
      authorize: async (q, id) =>
        who.mode === "holder"
          ? canRequestTransfer(actor, id, q)
          : (await isCoordinatorOfDossier(actor, id, q))
            ? true
            : null,
    },
    async (ctx) => {
      const holder = await ctx.q.get<{ userId: string }>(HOLDER_OF, [dossierId, true, false]);
      if (!holder) return ctx.refuse("conflict", "transfer.error.noHolder");
      const fromUserId = holder.userId;
      if (who.mode === "coordinator" && who.fromUserId !== fromUserId)
        return ctx.refuse("invalid", "transfer.error.notHolder");
      if (toUserId === fromUserId) return ctx.refuse("invalid", "transfer.error.self");
      // T2: a colleague of the same organization, still active.
      const to = await ctx.q.get<{ id: string; deactivatedAt: unknown }>(COLLEAGUE, [ctx.organizationId, toUserId]);
      if (!to || asDateOrNull(to.deactivatedAt) !== null) return ctx.refuse("invalid", "transfer.error.recipient");
      // One pending transfer per dossier: checked under the lock, and guarded by a unique key (pendingKey).
      if (await ctx.q.get(PENDING_OF_DOSSIER, [dossierId])) return ctx.refuse("conflict", "transfer.error.pending");
      const t: TransferRow = {
        id: newId(),
        dossierId,
        organizationId: ctx.organizationId,
        fromUserId,
        toUserId,
        requestedById: actor.userId,
        withConfidential: opts.withConfidential,
        withRawData: opts.withRawData,
        keepReadOnlyCopy: opts.keepReadOnlyCopy,
        status: "pending",
        expiresAt: new Date(now.getTime() + TRANSFER_DAYS * DAY_MS),
      };
      await ctx.q.run(INSERT_TRANSFER, [
        t.id,
        dossierId,
        ctx.organizationId,
        fromUserId,
        toUserId,
        actor.userId,
        opts.withConfidential,
        opts.withRawData,
        opts.keepReadOnlyCopy,
        dossierId,
        t.expiresAt,
        now,
      ]);
      const from = await contact(ctx.q, fromUserId);
      const recipient = await contact(ctx.q, toUserId);
      await ctx.emit(TRANSFER_REQUESTED, payloadOf(t, from, recipient, actor.name), { audience: "advisors" });
      const words = { title, from: nameOf(from), toName: nameOf(recipient), by: actor.name };
      // T8: the request reaches the recipient by a transactional email; the sender hears of it when
      // someone else (a coordinator) asked.
      if (recipient) await tell(ctx, recipient, "requested", words, true);
      if (from && fromUserId !== actor.userId) await tell(ctx, from, "requested", words);
      touchDashboards(ctx, [toUserId, fromUserId]);
      return { transferId: t.id };
    },
  );
}

/** T2, T4: the holder (or staff) asks a colleague of the same organization to take the dossier. */
export async function requestTransfer(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ transferId: string }>> {
  const parsed = requestTransferSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, toUserId, ...opts } = parsed.data;
  return requestOne(actor, dossierId, toUserId, opts, { mode: "holder" }, now);
}

export type CoordinatorTransferResult = { dossierId: string } & (
  { ok: true; transferId: string } | { ok: false; error: AppError }
);

/**
 * T3: a coordinator transfers one dossier, or every active dossier a practitioner holds, to another
 * practitioner; each dossier is its own transfer, which the recipient accepts or refuses.
 */
export async function coordinatorTransfer(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ results: CoordinatorTransferResult[] }>> {
  const parsed = coordinatorTransferSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { fromUserId, toUserId, dossierId, all, ...opts } = parsed.data;
  const organizationIds = (
    await db().membership.findMany({
      where: { userId: actor.userId, coordinator: true },
      select: { organizationId: true },
    })
  ).map((m) => m.organizationId);
  if (organizationIds.length === 0) return fail("not_found", actor.locale);
  const ids = all
    ? (
        await db().dossier.findMany({
          where: {
            organizationId: { in: organizationIds },
            pausedAt: null,
            members: { some: { userId: fromUserId, holder: true, readOnly: false } },
          },
          select: { id: true },
          orderBy: { createdAt: "asc" },
        })
      ).map((d) => d.id)
    : [dossierId!];
  const results: CoordinatorTransferResult[] = [];
  for (const id of ids) {
    const r = await requestOne(actor, id, toUserId, opts, { mode: "coordinator", fromUserId }, now);
    results.push(
      r.ok ? { dossierId: id, ok: true, transferId: r.value.transferId } : { dossierId: id, ok: false, error: r.error },
    );
  }
  return ok({ results });
}

/**
 * T4, T7: on acceptance the holder role moves; the sender keeps a read-only copy or loses access at
 * once; confidential items and raw data go along only if the sender said so, and those that do not
 * stay visible to the sender only. Appointments, tasks (and invoices) belong to their owner: untouched.
 */
async function handOver(ctx: ChangeContext<TransferRow>, t: TransferRow, seq: number) {
  const { q, dossierId, now } = ctx;
  const withConfidential = asBool(t.withConfidential);
  const withRawData = asBool(t.withRawData);
  const keep = asBool(t.keepReadOnlyCopy);

  const existing = await q.get<{ id: string }>(MEMBER_OF, [dossierId, t.toUserId]);
  if (existing) await q.run(SET_HOLDER, [true, false, dossierId, t.toUserId]);
  else await q.run(INSERT_HOLDER, [newId(), dossierId, t.toUserId, true, false, now]);

  if (keep) {
    // A snapshot: everything up to the acceptance's seq, nothing after (seqCap, createdBeforeWhere).
    await q.run(MAKE_READ_ONLY, [false, true, now, seq, dossierId, t.fromUserId]);
    ctx.afterCommit(() => publisher().turnReadOnly?.(t.fromUserId, dossierId));
  } else {
    await q.run(DELETE_MEMBER, [dossierId, t.fromUserId]);
    ctx.afterCommit(() => publisher().revoke(t.fromUserId, dossierId));
  }

  if (withConfidential) await q.run(MOVE_CONFIDENTIAL_NOTES, [t.toUserId, dossierId, t.fromUserId, true]);
  const docs = await q.all<{ id: string; confidential: unknown; rawData: unknown; visibleToUserId: string | null }>(
    TRANSFERABLE_DOCUMENTS,
    [dossierId, t.fromUserId, true],
  );
  for (const d of docs) {
    const goes = (!asBool(d.confidential) || withConfidential) && (!asBool(d.rawData) || withRawData);
    const visibleTo = goes ? (d.visibleToUserId === null ? null : t.toUserId) : t.fromUserId;
    if (visibleTo !== d.visibleToUserId) await q.run(SET_DOCUMENT_VISIBLE_TO, [visibleTo, d.id]);
  }
}

/** T2: the recipient accepts or refuses; an answer after expiry or after another answer changes nothing. */
export async function answerTransfer(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ status: "accepted" | "refused" }>> {
  const parsed = answerTransferSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { transferId, answer } = parsed.data;
  const found = await hot().get<TransferRow>(TRANSFER_BY_ID, [transferId]);
  if (!found || found.toUserId !== actor.userId) return fail("not_found", actor.locale);
  const title = await dossierTitle(found.dossierId);
  return changeDossier(
    {
      dossierId: found.dossierId,
      actor,
      now,
      activity: false,
      authorize: (q) => transferForRecipient(actor, transferId, q),
    },
    async (ctx) => {
      const t = ctx.access;
      let seq: number | undefined;
      if (t.status !== "pending") return ctx.refuse("conflict", "transfer.error.notPending");
      if (answer === "accept") {
        if (asDate(t.expiresAt).getTime() <= now.getTime()) return ctx.refuse("conflict", "transfer.error.expired");
        if ((await ctx.q.run(ACCEPT_TRANSFER, [now, t.id, now])) === 0)
          return ctx.refuse("conflict", "transfer.error.notPending");
        const holder = await ctx.q.get<{ userId: string }>(HOLDER_OF, [ctx.dossierId, true, false]);
        if (holder?.userId !== t.fromUserId) return ctx.refuse("conflict", "transfer.error.notHolder");
        seq = await ctx.seq();
        await handOver(ctx, t, seq);
      } else if ((await ctx.q.run(CLOSE_TRANSFER, ["refused", now, t.id])) === 0)
        return ctx.refuse("conflict", "transfer.error.notPending");
      const from = await contact(ctx.q, t.fromUserId);
      const to = await contact(ctx.q, t.toUserId);
      const event = answer === "accept" ? "accepted" : "refused";
      await ctx.emit(answer === "accept" ? TRANSFER_ACCEPTED : TRANSFER_REFUSED, payloadOf(t, from, to, actor.name), {
        audience: "advisors",
        seq,
      });
      await tellBoth(ctx, t, event, { title, from: nameOf(from), toName: nameOf(to), by: actor.name }, from, to);
      touchDashboards(ctx, [t.fromUserId, t.toUserId]);
      return { status: answer === "accept" ? ("accepted" as const) : ("refused" as const) };
    },
  );
}

async function tellBoth(
  ctx: ChangeContext<unknown>,
  t: TransferRow,
  event: TransferEvent,
  words: { title: string; from: string; toName: string; by: string | null },
  from: Contact | undefined,
  to: Contact | undefined,
) {
  for (const c of [from, to]) if (c) await tell(ctx, c, event, words);
  if (t.requestedById !== t.fromUserId && t.requestedById !== ctx.actor?.userId) {
    const requester = await contact(ctx.q, t.requestedById);
    if (requester) await tell(ctx, requester, event, words);
  }
}

/** T2: whoever asked (or the practitioner it takes the dossier from) withdraws a pending transfer. */
export async function cancelTransfer(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ cancelled: true }>> {
  const parsed = cancelTransferSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const found = await hot().get<TransferRow>(TRANSFER_BY_ID, [parsed.data.transferId]);
  if (!found) return fail("not_found", actor.locale);
  const title = await dossierTitle(found.dossierId);
  return changeDossier(
    {
      dossierId: found.dossierId,
      actor,
      now,
      activity: false,
      authorize: (q) => transferForRequester(actor, found.id, q),
    },
    async (ctx) => {
      const t = ctx.access;
      if ((await ctx.q.run(CLOSE_TRANSFER, ["cancelled", now, t.id])) === 0)
        return ctx.refuse("conflict", "transfer.error.notPending");
      const from = await contact(ctx.q, t.fromUserId);
      const to = await contact(ctx.q, t.toUserId);
      await ctx.emit(TRANSFER_CANCELLED, payloadOf(t, from, to, actor.name), { audience: "advisors" });
      await tellBoth(ctx, t, "cancelled", { title, from: nameOf(from), toName: nameOf(to), by: actor.name }, from, to);
      touchDashboards(ctx, [t.fromUserId, t.toUserId]);
      return { cancelled: true as const };
    },
  );
}

/**
 * T2: pending transfers older than 14 days expire. The job calls it with the clock; each expiry is
 * guarded ("where pending and due"), so two runs at once expire each transfer once.
 */
export async function expireTransfers(now: Date): Promise<{ expired: number }> {
  const due = await hot().all<{ id: string; dossierId: string }>(DUE_TRANSFERS, [now]);
  let expired = 0;
  for (const d of due) {
    const title = await dossierTitle(d.dossierId);
    const res = await changeDossier(
      {
        dossierId: d.dossierId,
        actor: null,
        now,
        activity: false,
        authorize: async (q) => (await q.get<TransferRow>(TRANSFER_BY_ID, [d.id])) ?? null,
      },
      async (ctx) => {
        const t = ctx.access;
        if ((await ctx.q.run(EXPIRE_TRANSFER, [now, t.id, now])) === 0) return false;
        const from = await contact(ctx.q, t.fromUserId);
        const to = await contact(ctx.q, t.toUserId);
        await ctx.emit(TRANSFER_EXPIRED, payloadOf(t, from, to, null), { audience: "advisors" });
        await tellBoth(ctx, t, "expired", { title, from: nameOf(from), toName: nameOf(to), by: null }, from, to);
        touchDashboards(ctx, [t.fromUserId, t.toUserId]);
        return true;
      },
    );
    if (res.ok && res.value) expired += 1;
  }
  return { expired };
}

/** The referent hands their role to another applicant-side member (so that they may leave). */
export async function handReferentRole(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ referentId: string }>> {
  const parsed = handReferentSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { dossierId, toUserId } = parsed.data;
  return changeDossier(
    {
      dossierId,
      actor,
      now,
      authorize: async (q, id) => {
        const access = await dossierAccess(actor, id, q);
        return access?.roles.includes("referent") ? access : null;
      },
    },
    async (ctx) => {
      const target = await ctx.q.get<{ role: string; side: string }>(MEMBER_OF, [dossierId, toUserId]);
      if (!target || target.role !== "applicant") return ctx.refuse("invalid", "transfer.error.referentTarget");
      await ctx.q.run(SET_MEMBER_ROLE, ["referent", dossierId, toUserId]);
      await ctx.q.run(SET_MEMBER_ROLE, ["applicant", dossierId, actor.userId]);
      const to = await contact(ctx.q, toUserId);
      const payload: ReferentChangedPayload = {
        fromUserId: actor.userId,
        fromName: actor.name,
        toUserId,
        toName: nameOf(to),
      };
      await ctx.emit(REFERENT_CHANGED, payload);
      return { referentId: toUserId };
    },
  );
}

export type PendingTransferView = {
  id: string;
  dossierId: string;
  title: string;
  fromName: string;
  toName: string;
  byName: string;
  withConfidential: boolean;
  withRawData: boolean;
  keepReadOnlyCopy: boolean;
  expiresAt: string;
};

/** The dashboard's pending transfers: those the user must answer, and those they asked for or give. */
export async function pendingTransfersFor(
  actor: Actor,
): Promise<{ incoming: PendingTransferView[]; outgoing: PendingTransferView[] }> {
  const rows = await db().transfer.findMany({
    where: {
      status: "pending",
      OR: [{ toUserId: actor.userId }, { fromUserId: actor.userId }, { requestedById: actor.userId }],
    },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      dossierId: true,
      fromUserId: true,
      toUserId: true,
      requestedById: true,
      withConfidential: true,
      withRawData: true,
      keepReadOnlyCopy: true,
      expiresAt: true,
      dossier: { select: { title: true } },
    },
  });
  const ids = [...new Set(rows.flatMap((r) => [r.fromUserId, r.toUserId, r.requestedById]))];
  const users = await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  const names = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  const view = (r: (typeof rows)[number]): PendingTransferView => ({
    id: r.id,
    dossierId: r.dossierId,
    title: r.dossier.title,
    fromName: names.get(r.fromUserId) ?? "",
    toName: names.get(r.toUserId) ?? "",
    byName: names.get(r.requestedById) ?? "",
    withConfidential: r.withConfidential,
    withRawData: r.withRawData,
    keepReadOnlyCopy: r.keepReadOnlyCopy,
    expiresAt: r.expiresAt.toISOString(),
  });
  return {
    incoming: rows.filter((r) => r.toUserId === actor.userId).map(view),
    outgoing: rows.filter((r) => r.toUserId !== actor.userId).map(view),
  };
}

export type TransferDialogData = {
  colleagues: { id: string; name: string; title: string | null }[];
  pending: PendingTransferView | null;
};

/** The holder's transfer dialog: active colleagues of the organization, and the pending transfer if any. */
export async function transferDialogData(actor: Actor, dossierId: string): Promise<TransferDialogData | null> {
  const access = await dossierAccess(actor, dossierId);
  if (!access || !(access.roles.includes("holder") || access.roles.includes("staff"))) return null;
  const members = await db().membership.findMany({
    where: { organizationId: access.organizationId, user: { deactivatedAt: null }, NOT: { userId: actor.userId } },
    select: { user: { select: { id: true, name: true, email: true, title: true } } },
    orderBy: { createdAt: "asc" },
  });
  const pending = (await pendingTransfersFor(actor)).outgoing.find((p) => p.dossierId === dossierId) ?? null;
  return {
    colleagues: members.map((m) => ({ id: m.user.id, name: m.user.name ?? m.user.email, title: m.user.title })),
    pending,
  };
}
