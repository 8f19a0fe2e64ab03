// Parties, activities and billing (K1–K8). Every change of a dossier's billing goes through
// changeDossier (lock and seq, access under the lock, work on ctx.q, events, commit, publish); its
// events are advisor-side only (A4). Reads for pages go through billingAccess: no access is null (404).
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db, hot } from "../../db";
import { asBool, asDate, newId, type HotQueries } from "../../db/hot";
import { fail, ok, type Result } from "../../errors";
import { env } from "../../env";
import { toLocale, type MessageKey } from "../../i18n";
import { recordEmail } from "../outbox/queries";
import { changeDossier, type ChangeContext } from "../dossier/change";
import type { DossierAccess } from "../dossier/policy";
import type { PublishedEvent } from "../dossier/events";
import { publisher } from "../ports";
import {
  ACTIVITIES_MOVED_IN,
  ACTIVITIES_MOVED_OUT,
  ACTIVITY_CREATED,
  ALLOCATION_CHANGED,
  INVOICE_CANCELLED,
  INVOICE_ISSUED,
  PARTY_ADDED,
  PARTY_PORTAL_CHANGED,
  PARTY_REMOVED,
  PARTY_STATUS_CHANGED,
  PROFORMA_CANCELLED,
  PROFORMA_CREATED,
  type ActivitiesMovedPayload,
  type ActivityCreatedPayload,
  type AllocationChangedPayload,
  type InvoiceCancelledPayload,
  type InvoiceIssuedPayload,
  type PartyAddedPayload,
  type PartyPortalChangedPayload,
  type PartyRemovedPayload,
  type PartyStatusChangedPayload,
  type ProformaCancelledPayload,
  type ProformaCreatedPayload,
} from "./events";
import {
  adminOf,
  authorizeBilling,
  authorizeBillingItem,
  billingHoldersVisibleTo,
  billableDossiersWhere,
  billingAccess,
  billingItemAccess,
} from "./policy";
import * as Q from "./queries";
import { activitySelect, partySelect } from "./queries";
import {
  AMOUNT_MAX_CENTS,
  addPartySchema,
  allocationSchema,
  createActivitySchema,
  invoiceIdSchema,
  moveActivitiesSchema,
  proformaIdSchema,
  proformaSchema,
  removePartySchema,
  setClientActiveSchema,
  setPortalSchema,
  vatRateSchema,
} from "./schema";
import { sharesOf, splitCents, timeAmountCents, vatCents } from "./split";

type Ctx = ChangeContext<DossierAccess>;

/** zod's first issue as our catalogue key when it is one, else the generic "invalid". */
function parse<S extends z.ZodType>(
  actor: Actor,
  schema: S,
  raw: unknown,
): { ok: true; data: z.output<S> } | { ok: false; error: ReturnType<typeof fail>["error"] } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const key = parsed.error.issues.find((i) => i.message.startsWith("billing."))?.message as MessageKey | undefined;
  return fail("invalid", actor.locale, key ?? "error.invalid");
}

const by = (actor: Actor) => ({ byUserId: actor.userId, byName: actor.name });

function change<T>(actor: Actor, dossierId: string, now: Date, work: (ctx: Ctx) => Promise<T>): Promise<Result<T>> {
  return changeDossier({ dossierId, actor, authorize: authorizeBilling(actor), now }, work);
}

/** T4: a change of one proforma or invoice, by whoever it belongs to (billingItemAccess). */
function changeItem<T>(
  actor: Actor,
  dossierId: string,
  item: { kind: "proforma" | "invoice"; id: string },
  now: Date,
  work: (ctx: Ctx) => Promise<T>,
): Promise<Result<T>> {
  return changeDossier({ dossierId, actor, authorize: authorizeBillingItem(actor, item.kind, item.id), now }, work);
}

/**
 * T4: a proforma or invoice that stayed with a former holder: its events are stored (their timeline
 * and catch-up filter them per reader) but not sent live to the dossier's advisors, who may not see it.
 */
async function leftBehind(ctx: Ctx, kind: "proforma" | "invoice", id: string): Promise<boolean> {
  const row = await ctx.q.get<{ holderId: string | null }>(kind === "proforma" ? Q.PROFORMA_HOLDER : Q.INVOICE_HOLDER, [
    id,
    ctx.dossierId,
  ]);
  if (!row || row.holderId === null) return false;
  const holder = await ctx.q.get<{ userId: string }>(Q.DOSSIER_HOLDER, [ctx.dossierId, true, false]);
  return holder?.userId !== row.holderId;
}

/** T4: the practitioner a new proforma belongs to: the dossier's holder (or, without one, its maker). */
async function holderNow(ctx: Ctx, actor: Actor): Promise<string> {
  const holder = await ctx.q.get<{ userId: string }>(Q.DOSSIER_HOLDER, [ctx.dossierId, true, false]);
  return holder?.userId ?? actor.userId;
}

type ClientRow = { id: string; contactId: string; allocationPercent: number | null };

async function activeClients(q: HotQueries, dossierId: string): Promise<ClientRow[]> {
  return q.all<ClientRow>(Q.ACTIVE_CLIENTS, [dossierId, true]);
}

async function allocate(q: HotQueries, activityId: string, amountCents: number, clients: ClientRow[]) {
  await q.write(Q.DELETE_ALLOCATIONS, [activityId]);
  for (const part of splitCents(amountCents, sharesOf(clients)))
    await q.write(Q.INSERT_ALLOCATION, [newId(), activityId, part.partyId, part.amountCents]);
}

/** K4: every unbilled shared activity of the dossier split again among its active clients. */
async function resplit(q: HotQueries, dossierId: string): Promise<number> {
  const clients = await activeClients(q, dossierId);
  // With no active client there is nobody to split among: the last split stays until one is active (K3).
  if (clients.length === 0) return 0;
  const shared = await q.all<{ id: string; amountCents: number }>(Q.UNBILLED_SHARED, [dossierId]);
  for (const a of shared) await allocate(q, a.id, Number(a.amountCents), clients);
  return shared.length;
}

async function dossierOf(query: typeof Q.PARTY_DOSSIER, id: string): Promise<string | null> {
  const row = await hot().get<{ dossierId: string }>(query, [id]);
  return row?.dossierId ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Parties (K1, K7)

/** K1: a contact of the dossier's organization becomes a party (client, opposing or related). */
export async function addParty(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ partyId: string }>> {
  const input = parse(actor, addPartySchema, raw);
  if (!input.ok) return input;
  const { dossierId, contactId, role, active } = input.data;
  return change(actor, dossierId, now, async (ctx) => {
    // A3: a contact of another organization does not exist here.
    const contact = await ctx.q.get<{ id: string; name: string }>(Q.CONTACT_IN_ORG, [contactId, ctx.organizationId]);
    if (!contact) return ctx.refuse("not_found", "billing.error.contactNotFound");
    if (await ctx.q.get(Q.PARTY_EXISTS, [dossierId, contactId, role]))
      return ctx.refuse("invalid", "billing.error.partyExists");
    const partyId = newId();
    const isActive = role === "client" ? active : true;
    await ctx.q.write(Q.INSERT_PARTY, [partyId, dossierId, contactId, role, isActive, false, now]);
    // K4: a new active client takes its share of the unbilled shared activities.
    if (role === "client" && isActive) await resplit(ctx.q, dossierId);
    const payload: PartyAddedPayload = { ...by(actor), partyId, contactId, name: contact.name, role, active: isActive };
    await ctx.emit(PARTY_ADDED, payload, { audience: "advisors" });
    return { partyId };
  });
}

type PartyRow = {
  id: string;
  role: string;
  active: unknown;
  portalShared: unknown;
  portalUserId: string | null;
  name: string;
  email: string | null;
};

async function clientParty(ctx: Ctx, partyId: string): Promise<PartyRow> {
  const party = await ctx.q.get<PartyRow>(Q.PARTY, [partyId, ctx.dossierId]);
  if (!party) return ctx.refuse("not_found");
  if (party.role !== "client") return ctx.refuse("invalid", "billing.error.notClient");
  return party;
}

/**
 * K1: a party taken off the dossier ("Modifier les parties"), only while it has no billing history; a
 * client that has some is made inactive instead. Its portal sharing goes with it (K7), and the unbilled
 * shared activities are split again among the remaining active clients (K4).
 */
export async function removeParty(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ resplit: number }>> {
  const input = parse(actor, removePartySchema, raw);
  if (!input.ok) return input;
  const { partyId } = input.data;
  const dossierId = await dossierOf(Q.PARTY_DOSSIER, partyId);
  if (!dossierId) return fail("not_found", actor.locale);
  return change(actor, dossierId, now, async (ctx) => {
    const party = await ctx.q.get<PartyRow>(Q.PARTY, [partyId, dossierId]);
    if (!party) return ctx.refuse("not_found");
    if (await ctx.q.get(Q.PARTY_IN_USE, [partyId, partyId, partyId, partyId]))
      return ctx.refuse("invalid", "billing.error.partyInUse");
    await cutPortal(ctx, party);
    await ctx.q.write(Q.DELETE_PARTY_ALLOCATIONS, [partyId]);
    await ctx.q.run(Q.DELETE_PARTY, [partyId, dossierId]);
    let count = 0;
    if (party.role === "client" && asBool(party.active)) {
      await ctx.q.write(Q.CLEAR_PERCENTS, [dossierId]);
      count = await resplit(ctx.q, dossierId);
    }
    const payload: PartyRemovedPayload = { ...by(actor), partyId, name: party.name, role: party.role, resplit: count };
    await ctx.emit(PARTY_REMOVED, payload, { audience: "advisors" });
    return { resplit: count };
  });
}

/** K7: the client's portal sharing off and their applicant-side membership gone; sockets cut after commit. */
async function cutPortal(ctx: Ctx, party: PartyRow): Promise<boolean> {
  if (!asBool(party.portalShared)) return false;
  await ctx.q.write(Q.SET_PORTAL, [false, party.portalUserId, party.id]);
  const userId = party.portalUserId;
  if (userId) {
    await ctx.q.run(Q.DELETE_PORTAL_MEMBER, [ctx.dossierId, userId]);
    const dossierId = ctx.dossierId;
    ctx.afterCommit(() => publisher().revoke(userId, dossierId));
  }
  return true;
}

/**
 * K1, K4, K7: one client made active or inactive, on this dossier only. Making one inactive turns off
 * their portal sharing; either way the unbilled shared activities are split again among the active
 * clients (reactivation includes older ones). Already in that state: nothing changes, nothing recorded.
 */
export async function setClientActive(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ changed: boolean; resplit: number }>> {
  const input = parse(actor, setClientActiveSchema, raw);
  if (!input.ok) return input;
  const { partyId, active } = input.data;
  const dossierId = await dossierOf(Q.PARTY_DOSSIER, partyId);
  if (!dossierId) return fail("not_found", actor.locale);
  return change(actor, dossierId, now, async (ctx) => {
    const party = await clientParty(ctx, partyId);
    const changed = await ctx.q.run(Q.SET_PARTY_ACTIVE, [active, partyId, !active]);
    if (changed === 0) return { changed: false, resplit: 0 };
    const portalCut = active ? false : await cutPortal(ctx, party);
    // Percentages were set for the former set of active clients: back to an equal split.
    await ctx.q.write(Q.CLEAR_PERCENTS, [dossierId]);
    const count = await resplit(ctx.q, dossierId);
    const payload: PartyStatusChangedPayload = {
      ...by(actor),
      partyId,
      name: party.name,
      active,
      portalCut,
      resplit: count,
    };
    await ctx.emit(PARTY_STATUS_CHANGED, payload, { audience: "advisors" });
    return { changed: true, resplit: count };
  });
}

/**
 * K7: give an active client with an email portal access to the dossier (an applicant-side membership
 * tied to the party), or take it away. Turning it back on after an inactivation is this manual action.
 */
export async function setPortalSharing(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ changed: boolean }>> {
  const input = parse(actor, setPortalSchema, raw);
  if (!input.ok) return input;
  const { partyId, shared } = input.data;
  const dossierId = await dossierOf(Q.PARTY_DOSSIER, partyId);
  if (!dossierId) return fail("not_found", actor.locale);
  return change(actor, dossierId, now, async (ctx) => {
    const party = await clientParty(ctx, partyId);
    if (asBool(party.portalShared) === shared) return { changed: false };
    if (!shared) await cutPortal(ctx, party);
    else {
      if (!asBool(party.active)) return ctx.refuse("invalid", "billing.error.portalInactive");
      const email = party.email?.trim().toLowerCase();
      if (!email) return ctx.refuse("invalid", "billing.error.portalNoEmail");
      let user = await ctx.q.get<{ id: string; locale: string }>(Q.USER_BY_EMAIL, [email]);
      if (!user) {
        user = { id: newId(), locale: "fr" };
        await ctx.q.write(Q.INSERT_USER, [user.id, party.name, email, now]);
      }
      const member = await ctx.q.get<{ id: string; role: string }>(Q.MEMBER, [dossierId, user.id]);
      // Someone already on the dossier another way (an advisor, the referent) keeps that membership.
      if (member && member.role !== "applicant") return ctx.refuse("invalid", "billing.error.portalAlreadyMember");
      if (!member) {
        await ctx.q.write(Q.INSERT_MEMBER, [newId(), dossierId, user.id, false, now]);
        // The client is told, like any invitee (transactional, N6: recorded in this transaction).
        const dossier = await ctx.q.get<{ title: string; organization: string }>(Q.DOSSIER_TITLE, [dossierId]);
        const locale = toLocale(user.locale);
        await recordEmail(
          {
            kind: "transactional",
            template: "invitation",
            params: {
              inviter: actor.name,
              title: dossier?.title ?? "",
              organization: dossier?.organization ?? "",
              url: `${env().appUrl}/dossiers/${dossierId}`,
            },
            toEmail: email,
            locale,
            userId: user.id,
            dossierId,
          },
          ctx.q,
          now,
        );
        ctx.emailed();
      }
      await ctx.q.write(Q.SET_PORTAL, [true, user.id, partyId]);
    }
    const payload: PartyPortalChangedPayload = { ...by(actor), partyId, name: party.name, shared };
    await ctx.emit(PARTY_PORTAL_CHANGED, payload, { audience: "advisors" });
    return { changed: true };
  });
}

/**
 * K4: the split of shared activities, by percentages of the active clients (they must add up to 100
 * and name every active client, and only them) or equal (null). Unbilled shared activities follow.
 */
export async function setAllocation(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ resplit: number }>> {
  const input = parse(actor, allocationSchema, raw);
  if (!input.ok) return input;
  const { dossierId, percents } = input.data;
  if (percents && percents.reduce((a, p) => a + p.percent, 0) !== 100)
    return fail("invalid", actor.locale, "billing.error.percentSum");
  return change(actor, dossierId, now, async (ctx) => {
    const clients = await activeClients(ctx.q, dossierId);
    if (clients.length === 0) return ctx.refuse("invalid", "billing.error.noActiveClient");
    if (percents) {
      const ids = new Set(clients.map((c) => c.id));
      const named = new Set(percents.map((p) => p.partyId));
      if (named.size !== percents.length || named.size !== ids.size || [...named].some((id) => !ids.has(id)))
        return ctx.refuse("invalid", "billing.error.percentClients");
    }
    await ctx.q.write(Q.CLEAR_PERCENTS, [dossierId]);
    for (const p of percents ?? []) await ctx.q.write(Q.SET_PERCENT, [p.percent, p.partyId, dossierId]);
    const count = await resplit(ctx.q, dossierId);
    const payload: AllocationChangedPayload = { ...by(actor), percents, resplit: count };
    await ctx.emit(ALLOCATION_CHANGED, payload, { audience: "advisors" });
    return { resplit: count };
  });
}

// ---------------------------------------------------------------------------------------------------
// Activities (K3, K5, K6, K8)

/**
 * K3, K5, K8: a time entry (duration x hourly rate) or an expense, for one active client of the dossier
 * or shared among its active clients. Refused, with nothing written, on a dossier with no active client
 * and for an inactive client.
 */
export async function createActivity(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ activityId: string; amountCents: number }>> {
  const input = parse(actor, createActivitySchema, raw);
  if (!input.ok) return input;
  const a = input.data;
  const amountCents = a.kind === "time" ? timeAmountCents(a.durationMinutes, a.hourlyRateCents) : a.amountCents;
  if (amountCents <= 0) return fail("invalid", actor.locale, "billing.error.amountPositive");
  if (amountCents > AMOUNT_MAX_CENTS) return fail("invalid", actor.locale, "billing.error.amountTooLarge");
  return change(actor, a.dossierId, now, async (ctx) => {
    const clients = await activeClients(ctx.q, a.dossierId);
    if (clients.length === 0) return ctx.refuse("invalid", "billing.error.noActiveClient");
    let owners = clients;
    if (a.clientPartyId) {
      const party = await clientParty(ctx, a.clientPartyId);
      if (!asBool(party.active)) return ctx.refuse("invalid", "billing.error.clientInactive");
      owners = clients.filter((c) => c.id === a.clientPartyId);
    }
    const activityId = newId();
    await ctx.q.write(Q.INSERT_ACTIVITY, [
      activityId,
      a.dossierId,
      a.kind,
      a.description,
      a.date,
      a.kind === "time" ? a.durationMinutes : null,
      a.kind === "time" ? a.hourlyRateCents : null,
      amountCents,
      a.clientPartyId,
      actor.userId,
      now,
    ]);
    await allocate(ctx.q, activityId, amountCents, owners);
    const payload: ActivityCreatedPayload = {
      ...by(actor),
      activityId,
      kind: a.kind,
      description: a.description,
      amountCents,
      clientPartyId: a.clientPartyId,
    };
    await ctx.emit(ACTIVITY_CREATED, payload, { audience: "advisors" });
    return { activityId, amountCents };
  });
}

/**
 * K6: unbilled activities moved from one dossier to another of the same organization, all or none.
 * Refused towards a dossier with no active client. On the target, an activity of a client who is an
 * active client there stays theirs; any other becomes shared among the target's active clients.
 * Both dossiers are locked and both timelines record the move.
 */
export async function moveActivities(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ moved: number }>> {
  const input = parse(actor, moveActivitiesSchema, raw);
  if (!input.ok) return input;
  const { sourceDossierId, targetDossierId } = input.data;
  const ids = [...new Set(input.data.activityIds)];
  if (sourceDossierId === targetDossierId) return fail("invalid", actor.locale, "billing.error.sameDossier");
  let outEvent: PublishedEvent | null = null;
  const res = await change(actor, targetDossierId, now, async (ctx) => {
    const source = await authorizeBilling(actor)(ctx.q, sourceDossierId);
    // A3: a dossier of another organization, or one the actor may not bill, does not exist here.
    if (!source || source.organizationId !== ctx.organizationId) return ctx.refuse("not_found");
    const clients = await activeClients(ctx.q, targetDossierId);
    if (clients.length === 0) return ctx.refuse("invalid", "billing.error.moveNoActiveClient");
    const locked = await ctx.q.get<{ seq: number }>(Q.LOCK_OTHER, [now, now, sourceDossierId]);
    if (!locked) return ctx.refuse("not_found");
    let total = 0;
    for (const activityId of ids) {
      const row = await ctx.q.get<{ amountCents: number; status: string; clientPartyId: string | null }>(
        Q.ACTIVITY_ON,
        [activityId, sourceDossierId],
      );
      if (!row) return ctx.refuse("not_found", "billing.error.activityNotFound");
      if (row.status !== "unbilled") return ctx.refuse("invalid", "billing.error.activityBilled");
      let owner: ClientRow | undefined;
      if (row.clientPartyId) {
        const contact = await ctx.q.get<{ contactId: string }>(Q.CONTACT_OF_PARTY, [row.clientPartyId]);
        owner = clients.find((c) => c.contactId === contact?.contactId);
      }
      await ctx.q.run(Q.MOVE_ACTIVITY, [targetDossierId, owner?.id ?? null, activityId, sourceDossierId]);
      const amount = Number(row.amountCents);
      await allocate(ctx.q, activityId, amount, owner ? [owner] : clients);
      total += amount;
    }
    const inPayload: ActivitiesMovedPayload = {
      ...by(actor),
      activityIds: ids,
      otherDossierId: sourceDossierId,
      totalCents: total,
    };
    await ctx.emit(ACTIVITIES_MOVED_IN, inPayload, { audience: "advisors" });
    const outPayload: ActivitiesMovedPayload = { ...inPayload, otherDossierId: targetDossierId };
    await ctx.q.write(Q.INSERT_OTHER_EVENT, [
      sourceDossierId,
      Number(locked.seq),
      ACTIVITIES_MOVED_OUT,
      actor.userId,
      JSON.stringify(outPayload),
      now,
    ]);
    outEvent = {
      dossierId: sourceDossierId,
      seq: Number(locked.seq),
      type: ACTIVITIES_MOVED_OUT,
      payload: outPayload,
      at: now.toISOString(),
      audience: "advisors",
      organizationId: ctx.organizationId,
    };
    const published = outEvent;
    ctx.afterCommit(() => publisher().dossierEvent(published));
    return { moved: ids.length };
  });
  return res;
}

// ---------------------------------------------------------------------------------------------------
// Proformas and invoices

type BillableLine = { partyId: string; amountCents: number; activityId: string; description: string; date: unknown };

function totalsOf(lines: { partyId: string; amountCents: number }[], rate: number) {
  const byClient = new Map<string, number>();
  for (const l of lines) byClient.set(l.partyId, (byClient.get(l.partyId) ?? 0) + Number(l.amountCents));
  let subtotal = 0;
  let vat = 0;
  const clients = [...byClient].map(([partyId, sub]) => {
    const v = vatCents(sub, rate);
    subtotal += sub;
    vat += v;
    return { partyId, subtotalCents: sub, vatCents: v, totalCents: sub + v };
  });
  return { clients, subtotalCents: subtotal, vatCents: vat, totalCents: subtotal + vat };
}

/**
 * K3, K8: a proforma of the dossier's unbilled activities, client by client, with VAT at the
 * organization's rate (per client, as each client gets its own invoice). Activities of inactive
 * clients stay unbilled (K2 warns about them). Refused with no active client or nothing to bill.
 */
export async function createProforma(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ proformaId: string; totalCents: number }>> {
  const input = parse(actor, proformaSchema, raw);
  if (!input.ok) return input;
  const { dossierId } = input.data;
  return change(actor, dossierId, now, async (ctx) => {
    if ((await activeClients(ctx.q, dossierId)).length === 0)
      return ctx.refuse("invalid", "billing.error.noActiveClient");
    const lines = await ctx.q.all<BillableLine>(Q.BILLABLE_LINES, [dossierId, true, false]);
    if (lines.length === 0) return ctx.refuse("invalid", "billing.error.nothingToBill");
    const org = await ctx.q.get<{ rate: number }>(Q.ORG_VAT, [ctx.organizationId]);
    const rate = Number(org?.rate ?? 2000);
    const totals = totalsOf(lines, rate);
    const proformaId = newId();
    await ctx.q.write(Q.INSERT_PROFORMA, [
      proformaId,
      dossierId,
      rate,
      totals.subtotalCents,
      totals.vatCents,
      totals.totalCents,
      actor.userId,
      now,
      await holderNow(ctx, actor),
    ]);
    const activities = new Set<string>();
    for (const l of lines) {
      await ctx.q.write(Q.INSERT_PROFORMA_LINE, [
        newId(),
        proformaId,
        l.partyId,
        l.activityId,
        l.description,
        asDate(l.date),
        Number(l.amountCents),
      ]);
      activities.add(l.activityId);
    }
    for (const id of activities) await ctx.q.write(Q.MARK_ON_PROFORMA, [proformaId, id]);
    const payload: ProformaCreatedPayload = {
      ...by(actor),
      proformaId,
      totalCents: totals.totalCents,
      activities: activities.size,
    };
    await ctx.emit(PROFORMA_CREATED, payload, { audience: "advisors" });
    return { proformaId, totalCents: totals.totalCents };
  });
}

/** A draft proforma dropped: its activities are unbilled again. */
export async function cancelProforma(actor: Actor, raw: unknown, now = new Date()): Promise<Result<{ ok: true }>> {
  const input = parse(actor, proformaIdSchema, raw);
  if (!input.ok) return input;
  const { proformaId } = input.data;
  const dossierId = await dossierOf(Q.PROFORMA_DOSSIER, proformaId);
  if (!dossierId) return fail("not_found", actor.locale);
  return changeItem(actor, dossierId, { kind: "proforma", id: proformaId }, now, async (ctx) => {
    if (!(await ctx.q.get(Q.DRAFT_PROFORMA, [proformaId, dossierId])))
      return ctx.refuse("conflict", "billing.error.proformaNotDraft");
    const hidden = await leftBehind(ctx, "proforma", proformaId);
    await ctx.q.write(Q.RELEASE_PROFORMA, [proformaId]);
    await ctx.q.run(Q.DELETE_PROFORMA, [proformaId]);
    const payload: ProformaCancelledPayload = { ...by(actor), proformaId };
    await ctx.emit(PROFORMA_CANCELLED, payload, { audience: "advisors", unpublished: hidden });
    return { ok: true as const };
  });
}

type ProformaLineRow = BillableLine & { clientName: string; clientAddress: string | null };

/**
 * A validated proforma becomes one invoice per client, each with the organization's next number:
 * the organization's counter row is incremented in this transaction, so numbers are unique and
 * gap-free even when two dossiers of one organization validate at once. Its activities are billed.
 */
export async function validateProforma(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ invoices: { invoiceId: string; number: number; totalCents: number }[] }>> {
  const input = parse(actor, proformaIdSchema, raw);
  if (!input.ok) return input;
  const { proformaId } = input.data;
  const dossierId = await dossierOf(Q.PROFORMA_DOSSIER, proformaId);
  if (!dossierId) return fail("not_found", actor.locale);
  return changeItem(actor, dossierId, { kind: "proforma", id: proformaId }, now, async (ctx) => {
    const proforma = await ctx.q.get<{ id: string; rate: number }>(Q.DRAFT_PROFORMA, [proformaId, dossierId]);
    if (!proforma) return ctx.refuse("conflict", "billing.error.proformaNotDraft");
    // T4: its invoices belong to whoever the proforma belongs to.
    const holderId =
      (await ctx.q.get<{ holderId: string | null }>(Q.PROFORMA_HOLDER, [proformaId, dossierId]))?.holderId ?? null;
    const rate = Number(proforma.rate);
    const lines = await ctx.q.all<ProformaLineRow>(Q.PROFORMA_LINES, [proformaId]);
    const groups = new Map<string, ProformaLineRow[]>();
    for (const l of lines) groups.set(l.partyId, [...(groups.get(l.partyId) ?? []), l]);
    const invoices: InvoiceIssuedPayload["invoices"] = [];
    for (const [partyId, group] of groups) {
      const sub = group.reduce((s, l) => s + Number(l.amountCents), 0);
      const vat = vatCents(sub, rate);
      const next = await ctx.q.get<{ number: number }>(Q.NEXT_INVOICE_NUMBER, [ctx.organizationId]);
      const number = Number(next!.number);
      const invoiceId = newId();
      await ctx.q.write(Q.INSERT_INVOICE, [
        invoiceId,
        ctx.organizationId,
        dossierId,
        proformaId,
        partyId,
        group[0].clientName,
        group[0].clientAddress,
        number,
        "invoice",
        null,
        rate,
        sub,
        vat,
        sub + vat,
        actor.userId,
        now,
        holderId,
      ]);
      for (const l of group)
        await ctx.q.write(Q.INSERT_INVOICE_LINE, [
          newId(),
          invoiceId,
          l.activityId,
          l.description,
          asDate(l.date),
          Number(l.amountCents),
        ]);
      invoices.push({ invoiceId, number, totalCents: sub + vat });
    }
    await ctx.q.write(Q.MARK_BILLED, [proformaId]);
    if ((await ctx.q.run(Q.VALIDATE_PROFORMA, [now, proformaId])) === 0)
      return ctx.refuse("conflict", "billing.error.proformaNotDraft");
    const payload: InvoiceIssuedPayload = { ...by(actor), proformaId, invoices };
    await ctx.emit(INVOICE_ISSUED, payload, {
      audience: "advisors",
      unpublished: await leftBehind(ctx, "proforma", proformaId),
    });
    return { invoices };
  });
}

/**
 * Invoices are never edited: one is cancelled by a credit note (the next number, amounts negated).
 * Its activities that no other live invoice covers are unbilled again, to be billed anew.
 */
export async function cancelInvoice(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ creditNoteId: string; number: number }>> {
  const input = parse(actor, invoiceIdSchema, raw);
  if (!input.ok) return input;
  const { invoiceId } = input.data;
  const dossierId = await dossierOf(Q.INVOICE_DOSSIER, invoiceId);
  if (!dossierId) return fail("not_found", actor.locale);
  return changeItem(actor, dossierId, { kind: "invoice", id: invoiceId }, now, async (ctx) => {
    type Inv = {
      id: string;
      proformaId: string | null;
      partyId: string;
      clientName: string;
      clientAddress: string | null;
      number: number;
      rate: number;
      subtotalCents: number;
      vatCents: number;
      totalCents: number;
    };
    const invoice = await ctx.q.get<Inv>(Q.LIVE_INVOICE, [invoiceId, dossierId]);
    if (!invoice) return ctx.refuse("conflict", "billing.error.invoiceCancelled");
    if ((await ctx.q.run(Q.CANCEL_INVOICE, [now, invoiceId])) === 0)
      return ctx.refuse("conflict", "billing.error.invoiceCancelled");
    const next = await ctx.q.get<{ number: number }>(Q.NEXT_INVOICE_NUMBER, [ctx.organizationId]);
    const number = Number(next!.number);
    const creditNoteId = newId();
    await ctx.q.write(Q.INSERT_INVOICE, [
      creditNoteId,
      ctx.organizationId,
      dossierId,
      invoice.proformaId,
      invoice.partyId,
      invoice.clientName,
      invoice.clientAddress,
      number,
      "credit_note",
      invoiceId,
      Number(invoice.rate),
      -Number(invoice.subtotalCents),
      -Number(invoice.vatCents),
      -Number(invoice.totalCents),
      actor.userId,
      now,
      // T4: the credit note belongs to whoever the invoice belongs to.
      (await ctx.q.get<{ holderId: string | null }>(Q.INVOICE_HOLDER, [invoiceId, dossierId]))?.holderId ?? null,
    ]);
    const lines = await ctx.q.all<{
      activityId: string | null;
      description: string;
      date: unknown;
      amountCents: number;
    }>(Q.INVOICE_LINES, [invoiceId]);
    for (const l of lines)
      await ctx.q.write(Q.INSERT_INVOICE_LINE, [
        newId(),
        creditNoteId,
        l.activityId,
        l.description,
        asDate(l.date),
        -Number(l.amountCents),
      ]);
    await ctx.q.write(Q.RELEASE_CANCELLED, [invoiceId]);
    const payload: InvoiceCancelledPayload = {
      ...by(actor),
      invoiceId,
      number: Number(invoice.number),
      creditNoteId,
      creditNumber: number,
    };
    await ctx.emit(INVOICE_CANCELLED, payload, {
      audience: "advisors",
      unpublished: await leftBehind(ctx, "invoice", invoiceId),
    });
    return { creditNoteId, number };
  });
}

// ---------------------------------------------------------------------------------------------------
// Reads (pages): through billingAccess, null when the actor may not see the billing (A1: 404)

export type PartyView = {
  id: string;
  role: string;
  active: boolean;
  allocationPercent: number | null;
  portalShared: boolean;
  contact: {
    id: string;
    kind: string;
    name: string;
    email: string | null;
    phone: string | null;
    address: string | null;
  };
  /** K2: unbilled activities with a share for this client */
  unbilledCount: number;
  unbilledCents: number;
};

export type ActivityView = {
  id: string;
  kind: string;
  description: string;
  date: string;
  durationMinutes: number | null;
  hourlyRateCents: number | null;
  amountCents: number;
  clientPartyId: string | null;
  advisor: { id: string; name: string };
  status: string;
  proformaId: string | null;
  allocations: { partyId: string; amountCents: number }[];
};

export type BillingView = {
  dossierId: string;
  organizationId: string;
  vatRateBasisPoints: number;
  parties: PartyView[];
  activities: ActivityView[];
  proformas: { id: string; status: string; totalCents: number; createdAt: string }[];
  invoices: {
    id: string;
    number: number;
    kind: string;
    clientName: string;
    totalCents: number;
    issuedAt: string;
    cancelled: boolean;
  }[];
  /** K3: at least one active client */
  canBill: boolean;
  /** K6: other dossiers of the organization the actor may bill, with at least one active client */
  moveTargets: { id: string; title: string }[];
};

export async function getBilling(actor: Actor, dossierId: string): Promise<BillingView | null> {
  const access = await billingAccess(actor, dossierId);
  if (!access) return null;
  const [parties, activities, proformas, invoices, org] = await Promise.all([
    db().party.findMany({ where: { dossierId }, select: partySelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db().activity.findMany({
      where: { dossierId },
      select: activitySelect,
      orderBy: [{ date: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      take: 1000,
    }),
    db().proforma.findMany({
      where: { dossierId },
      select: { id: true, status: true, totalCents: true, createdAt: true, holderId: true },
      orderBy: { createdAt: "desc" },
    }),
    db().invoice.findMany({
      where: { dossierId },
      select: {
        id: true,
        number: true,
        kind: true,
        clientName: true,
        totalCents: true,
        issuedAt: true,
        cancelledAt: true,
        holderId: true,
      },
      orderBy: { number: "desc" },
    }),
    db().organization.findUniqueOrThrow({ where: { id: access.organizationId }, select: { vatRateBasisPoints: true } }),
  ]);
  const mine = await billingHoldersVisibleTo(actor.userId, dossierId);
  const advisorIds = [...new Set(activities.map((a) => a.advisorId))];
  const users = new Map(
    (
      await db().user.findMany({ where: { id: { in: advisorIds } }, select: { id: true, name: true, email: true } })
    ).map((u) => [u.id, u.name ?? u.email]),
  );
  const unbilled = new Map<string, { n: number; cents: number }>();
  for (const a of activities)
    if (a.status === "unbilled")
      for (const al of a.allocations) {
        const u = unbilled.get(al.partyId) ?? { n: 0, cents: 0 };
        unbilled.set(al.partyId, { n: u.n + 1, cents: u.cents + Number(al.amountCents) });
      }
  return {
    dossierId,
    organizationId: access.organizationId,
    vatRateBasisPoints: org.vatRateBasisPoints,
    parties: parties.map((p) => ({
      id: p.id,
      role: p.role,
      active: p.active,
      allocationPercent: p.allocationPercent,
      portalShared: p.portalShared,
      contact: p.contact,
      unbilledCount: unbilled.get(p.id)?.n ?? 0,
      unbilledCents: unbilled.get(p.id)?.cents ?? 0,
    })),
    activities: activities.map((a) => ({
      id: a.id,
      kind: a.kind,
      description: a.description,
      date: a.date.toISOString().slice(0, 10),
      durationMinutes: a.durationMinutes,
      hourlyRateCents: a.hourlyRateCents === null ? null : Number(a.hourlyRateCents),
      amountCents: Number(a.amountCents),
      clientPartyId: a.clientPartyId,
      advisor: { id: a.advisorId, name: users.get(a.advisorId) ?? "?" },
      status: a.status,
      proformaId: a.proformaId,
      allocations: a.allocations.map((al) => ({ partyId: al.partyId, amountCents: Number(al.amountCents) })),
    })),
    // T4: a transfer's sender keeps their proformas and invoices; the recipient does not see them.
    proformas: proformas
      .filter((p) => mine(p.holderId))
      .map(({ holderId: _h, ...p }) => ({
        ...p,
        totalCents: Number(p.totalCents),
        createdAt: p.createdAt.toISOString(),
      })),
    invoices: invoices
      .filter((i) => mine(i.holderId))
      .map((i) => ({
        id: i.id,
        number: i.number,
        kind: i.kind,
        clientName: i.clientName,
        totalCents: Number(i.totalCents),
        issuedAt: i.issuedAt.toISOString(),
        cancelled: i.cancelledAt !== null,
      })),
    canBill: parties.some((p) => p.role === "client" && p.active),
    moveTargets: (await billableDossiers(actor, access.organizationId)).filter((d) => d.id !== dossierId),
  };
}

/**
 * K3: the dossiers the actor may bill that have at least one active client (the quick-add "+" menu,
 * the bulk move's targets). Optionally one organization only.
 */
export async function billableDossiers(
  actor: Actor,
  organizationId?: string,
): Promise<{ id: string; title: string }[]> {
  return db().dossier.findMany({
    where: {
      AND: [
        billableDossiersWhere(actor),
        { parties: { some: { role: "client", active: true } } },
        ...(organizationId ? [{ organizationId }] : []),
      ],
    },
    select: { id: true, title: true },
    orderBy: { lastActivityAt: "desc" },
    take: 200,
  });
}

export type DocumentLine = { activityId: string | null; description: string; date: string; amountCents: number };
export type ClientSection = {
  partyId: string;
  clientName: string;
  clientAddress: string | null;
  lines: DocumentLine[];
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
};
export type ProformaView = {
  id: string;
  dossierId: string;
  dossierTitle: string;
  organizationName: string;
  status: string;
  vatRateBasisPoints: number;
  createdAt: string;
  clients: ClientSection[];
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  invoices: { id: string; number: number }[];
};

/** A proforma for its page and PDF: per client, before tax, VAT, total; null without billing access. */
export async function getProforma(actor: Actor, proformaId: string): Promise<ProformaView | null> {
  const p = await db().proforma.findUnique({
    where: { id: proformaId },
    select: {
      id: true,
      dossierId: true,
      status: true,
      vatRateBasisPoints: true,
      subtotalCents: true,
      vatCents: true,
      totalCents: true,
      createdAt: true,
      holderId: true,
      dossier: { select: { title: true, organization: { select: { name: true } } } },
      lines: { select: { partyId: true, activityId: true, description: true, date: true, amountCents: true } },
    },
  });
  if (!p || !(await billingItemAccess(actor, p.dossierId, p.holderId))) return null;
  const parties = await db().party.findMany({
    where: { id: { in: [...new Set(p.lines.map((l) => l.partyId))] } },
    select: { id: true, createdAt: true, contact: { select: { name: true, address: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const clients = parties.map((party): ClientSection => {
    const lines = p.lines
      .filter((l) => l.partyId === party.id)
      .sort((a, b) => a.date.getTime() - b.date.getTime())
      .map((l) => ({
        activityId: l.activityId,
        description: l.description,
        date: l.date.toISOString().slice(0, 10),
        amountCents: Number(l.amountCents),
      }));
    const sub = lines.reduce((s, l) => s + l.amountCents, 0);
    const vat = vatCents(sub, p.vatRateBasisPoints);
    return {
      partyId: party.id,
      clientName: party.contact.name,
      clientAddress: party.contact.address,
      lines,
      subtotalCents: sub,
      vatCents: vat,
      totalCents: sub + vat,
    };
  });
  const invoices = await db().invoice.findMany({
    where: { proformaId, kind: "invoice" },
    select: { id: true, number: true },
    orderBy: { number: "asc" },
  });
  return {
    id: p.id,
    dossierId: p.dossierId,
    dossierTitle: p.dossier.title,
    organizationName: p.dossier.organization.name,
    status: p.status,
    vatRateBasisPoints: p.vatRateBasisPoints,
    createdAt: p.createdAt.toISOString(),
    clients,
    subtotalCents: Number(p.subtotalCents),
    vatCents: Number(p.vatCents),
    totalCents: Number(p.totalCents),
    invoices,
  };
}

export type InvoiceView = {
  id: string;
  dossierId: string;
  dossierTitle: string;
  organizationName: string;
  number: number;
  kind: string;
  creditOf: { id: string; number: number } | null;
  creditNote: { id: string; number: number } | null;
  cancelled: boolean;
  issuedAt: string;
  vatRateBasisPoints: number;
  client: ClientSection;
};

export async function getInvoice(actor: Actor, invoiceId: string): Promise<InvoiceView | null> {
  const i = await db().invoice.findUnique({
    where: { id: invoiceId },
    include: {
      lines: { orderBy: [{ date: "asc" }, { id: "asc" }] },
      dossier: { select: { title: true, organization: { select: { name: true } } } },
    },
  });
  if (!i || !(await billingItemAccess(actor, i.dossierId, i.holderId))) return null;
  const [creditOf, creditNote] = await Promise.all([
    i.creditOfId ? db().invoice.findUnique({ where: { id: i.creditOfId }, select: { id: true, number: true } }) : null,
    db().invoice.findFirst({ where: { creditOfId: i.id }, select: { id: true, number: true } }),
  ]);
  return {
    id: i.id,
    dossierId: i.dossierId,
    dossierTitle: i.dossier.title,
    organizationName: i.dossier.organization.name,
    number: i.number,
    kind: i.kind,
    creditOf,
    creditNote,
    cancelled: i.cancelledAt !== null,
    issuedAt: i.issuedAt.toISOString(),
    vatRateBasisPoints: i.vatRateBasisPoints,
    client: {
      partyId: i.partyId,
      clientName: i.clientName,
      clientAddress: i.clientAddress,
      lines: i.lines.map((l) => ({
        activityId: l.activityId,
        description: l.description,
        date: l.date.toISOString().slice(0, 10),
        amountCents: Number(l.amountCents),
      })),
      subtotalCents: Number(i.subtotalCents),
      vatCents: Number(i.vatCents),
      totalCents: Number(i.totalCents),
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The organization's VAT rate (admins): proformas take it when drawn up; invoices keep their own.

export async function vatSettings(actor: Actor): Promise<{ id: string; name: string; vatRateBasisPoints: number }[]> {
  return db().organization.findMany({
    where: { memberships: { some: { userId: actor.userId, role: "admin" } } },
    select: { id: true, name: true, vatRateBasisPoints: true },
    orderBy: { name: "asc" },
  });
}

export async function setVatRate(actor: Actor, raw: unknown): Promise<Result<{ vatRateBasisPoints: number }>> {
  const input = parse(actor, vatRateSchema, raw);
  if (!input.ok) return input;
  const { organizationId, rateBasisPoints } = input.data;
  if (!(await adminOf(actor, organizationId))) return fail("not_found", actor.locale);
  await db().organization.update({ where: { id: organizationId }, data: { vatRateBasisPoints: rateBasisPoints } });
  return ok({ vatRateBasisPoints: rateBasisPoints });
}

export type OwnBillingDocument = {
  kind: "invoice" | "credit_note" | "proforma";
  id: string;
  number: number | null;
  dossierId: string;
  dossierTitle: string;
  clientName: string | null;
  totalCents: number;
  at: string;
  /** a draft proforma, or an invoice not cancelled yet */
  open: boolean;
};

/**
 * T4: the proformas and invoices that are the actor's (holderId), on every dossier, newest first: the
 * sender of a transfer reaches them here even without access to the dossier any more.
 */
export async function ownBillingDocuments(actor: Actor): Promise<OwnBillingDocument[]> {
  const organizationIds = (
    await db().membership.findMany({ where: { userId: actor.userId }, select: { organizationId: true } })
  ).map((m) => m.organizationId);
  const inOrgs = { holderId: actor.userId, dossier: { organizationId: { in: organizationIds } } };
  const [invoices, proformas] = await Promise.all([
    db().invoice.findMany({
      where: inOrgs,
      orderBy: { number: "desc" },
      take: 500,
      select: {
        id: true,
        number: true,
        kind: true,
        clientName: true,
        totalCents: true,
        issuedAt: true,
        cancelledAt: true,
        dossier: { select: { id: true, title: true } },
      },
    }),
    db().proforma.findMany({
      where: inOrgs,
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        status: true,
        totalCents: true,
        createdAt: true,
        dossier: { select: { id: true, title: true } },
      },
    }),
  ]);
  return [
    ...proformas.map((p): OwnBillingDocument => ({
      kind: "proforma",
      id: p.id,
      number: null,
      dossierId: p.dossier.id,
      dossierTitle: p.dossier.title,
      clientName: null,
      totalCents: Number(p.totalCents),
      at: p.createdAt.toISOString(),
      open: p.status === "draft",
    })),
    ...invoices.map((i): OwnBillingDocument => ({
      kind: i.kind === "credit_note" ? "credit_note" : "invoice",
      id: i.id,
      number: i.number,
      dossierId: i.dossier.id,
      dossierTitle: i.dossier.title,
      clientName: i.clientName,
      totalCents: Number(i.totalCents),
      at: i.issuedAt.toISOString(),
      open: i.kind === "invoice" && i.cancelledAt === null,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
}

/** Where a proforma's or invoice's page goes back to: the dossier's billing when the actor may open it. */
export async function billingBackHref(actor: Actor, dossierId: string): Promise<string> {
  return (await billingAccess(actor, dossierId)) ? `/dossiers/${dossierId}/billing` : "/invoices";
}
