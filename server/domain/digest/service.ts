// N4: one user's digest for one organization and one slot. Per dossier it gathers what happened since
// the user's last digest that they may see (audience, A4), that they have not read in the app yet (C7),
// that concerns them (C2, C3: messages addressed or copied to them), and only for dossiers the one
// preference gate lets through (N8, P4). An empty digest never leaves (N8).
//
// Idempotent: the slot's DigestRun row is written first in the transaction that records the email; its
// unique key (user, organization, slot) makes a second run, in this process or another, send nothing.
import { logger } from "../../logger";
import { db, isUniqueViolation, type Tx } from "../../db";
import { env } from "../../env";
import { recordEmail } from "../outbox/queries";
import { kickOutbox } from "../ports";
import { audiencesFor, dossierAccess, visibleDossiersWhere } from "../dossier/policy";
import { gateDecisions } from "../notification/gate";
import { DOSSIER_PAUSED, DOSSIER_REACTIVATED } from "../pause/events";
import { defaultParticipation } from "../notification/schema";
import { unsubscribeHeaders, unsubscribeUrl } from "../notification/unsubscribe";
import { STAFF_ROLES } from "../users/events";
import { dueDigestSlot, isTimeZone, previousDigestSlot, type DigestFrequency } from "./schedule";
import { redactEvents } from "../note/redact";
import { DIGEST_EVENT_TYPES, digestSection, type DigestEvent, type DigestSection } from "./content";

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The oldest a digest looks back, for a user whose last digest is old (they were on "immediately" or
 * "never" in between and got, or chose not to get, those events then).
 */
export const DIGEST_LOOKBACK_MS = 8 * DAY_MS;

export type DigestOutcome = "sent" | "empty" | "already_done";

type Org = { id: string; name: string; timeZone: string };

/** The start of the window: the last digest's slot, else the slot before this one (Friday for Monday). */
export async function digestWindowStart(
  client: Tx | ReturnType<typeof db>,
  userId: string,
  org: Org,
  frequency: DigestFrequency,
  slot: Date,
): Promise<Date> {
  const last = await client.digestRun.findFirst({
    where: { userId, organizationId: org.id, slotAt: { lt: slot } },
    orderBy: { slotAt: "desc" },
    select: { slotAt: true },
  });
  if (!last) return previousDigestSlot(frequency, slot, org.timeZone);
  return new Date(Math.max(last.slotAt.getTime(), slot.getTime() - DIGEST_LOOKBACK_MS));
}

/**
 * The sections of a user's digest for events in (from, to] of this organization's dossiers, and the
 * language the gate says to write in. Reads through `client` so that it runs inside the caller's transaction.
 */
export async function collectDigest(
  client: Tx,
  userId: string,
  organizationId: string,
  from: Date,
  to: Date,
): Promise<{ sections: DigestSection[]; locale: "fr" | "en" | null; email: string | null }> {
  const appUrl = env().appUrl;
  const dossiers = await client.dossier.findMany({
    where: { AND: [await visibleDossiersWhere({ userId }, client), { organizationId }] },
    orderBy: { title: "asc" },
    select: { id: true, title: true },
  });
  const sections: DigestSection[] = [];
  let locale: "fr" | "en" | null = null;
  let email: string | null = null;
  for (const d of dossiers) {
    // N8, P4: the one gate decides, per dossier (frequency, unsubscribe, pause, access).
    const [decision] = await gateDecisions(client, { dossierId: d.id, kind: "digest", candidates: [userId] });
    if (!decision || decision.decision !== "send") continue;
    const access = await dossierAccess({ userId }, d.id, client);
    if (!access) continue;
    const rows = await client.dossierEvent.findMany({
      where: {
        dossierId: d.id,
        createdAt: { gt: from, lte: to },
        type: { in: [...DIGEST_EVENT_TYPES] },
        // A4: the applicant side never reads advisor-only events.
        audience: { in: audiencesFor(access) },
        // What they did themselves is not news to them.
        OR: [{ actorId: null }, { actorId: { not: userId } }],
      },
      orderBy: { seq: "asc" },
      select: { seq: true, type: true, payload: true, createdAt: true },
    });
    if (rows.length === 0) continue;
    const visible = access.side === "applicant" ? await outsidePauses(client, d.id, from, rows) : rows;
    const events = await keepWhatConcerns(
      client,
      userId,
      access.side,
      d.id,
      visible.map((r) => ({ seq: r.seq, type: r.type, payload: JSON.parse(r.payload) as unknown, at: r.createdAt })),
    );
    const section = digestSection(
      decision.locale,
      { id: d.id, title: d.title, url: `${appUrl}/dossiers/${encodeURIComponent(d.id)}` },
      // T7: a document that became confidential since its upload is not named to this recipient.
      await redactEvents(userId, d.id, events, client),
    );
    if (!section) continue;
    sections.push(section);
    locale = decision.locale;
    email = decision.email;
  }
  return { sections, locale, email };
}

/**
 * P4: the applicant side hears nothing about what happened while the dossier was paused, even once it is
 * reactivated before the digest leaves (the pause itself included; the reactivation is news again).
 */
async function outsidePauses<T extends { seq: number; type: string }>(
  client: Tx,
  dossierId: string,
  from: Date,
  rows: T[],
): Promise<T[]> {
  const before = await client.dossierEvent.findFirst({
    where: { dossierId, createdAt: { lte: from }, type: { in: [DOSSIER_PAUSED, DOSSIER_REACTIVATED] } },
    orderBy: { seq: "desc" },
    select: { type: true },
  });
  let paused = before?.type === DOSSIER_PAUSED;
  const kept: T[] = [];
  for (const r of rows) {
    if (r.type === DOSSIER_PAUSED) paused = true;
    else if (r.type === DOSSIER_REACTIVATED) paused = false;
    if (!paused) kept.push(r);
  }
  return kept;
}

/**
 * C7: messages read in the app are left out. C2, C3: an advisor gets the applicants' messages addressed
 * to them (or, when the sender chose nobody, those the "questions from applicants" switch gives them),
 * and colleagues' questions to the applicants only when copied ("questions to applicants" switch).
 */
async function keepWhatConcerns(
  client: Tx,
  userId: string,
  side: "applicant" | "advisor",
  dossierId: string,
  events: DigestEvent[],
): Promise<DigestEvent[]> {
  const messages = events.filter((e) => e.type === "message.created");
  if (messages.length === 0) return events;
  const read = await client.dossierRead.findUnique({
    where: { userId_dossierId: { userId, dossierId } },
    select: { lastReadSeq: true },
  });
  const lastReadSeq = read?.lastReadSeq ?? 0;
  let keepMessage: (e: DigestEvent) => boolean = () => true;
  if (side === "advisor") {
    const ids = messages
      .map((e) => (e.payload as { id?: string }).id)
      .filter((x): x is string => typeof x === "string");
    const [recipients, participation, applicantSide] = await Promise.all([
      client.messageRecipient.findMany({
        where: { messageId: { in: ids } },
        select: { messageId: true, userId: true },
      }),
      client.dossierParticipation.findUnique({
        where: { userId_dossierId: { userId, dossierId } },
        select: { fromApplicants: true, toApplicants: true },
      }),
      client.dossierMember.findMany({ where: { dossierId, side: "applicant" }, select: { userId: true } }),
    ]);
    const p = participation ?? defaultParticipation();
    const applicants = new Set(applicantSide.map((m) => m.userId));
    const byMessage = new Map<string, Set<string>>();
    for (const r of recipients) byMessage.set(r.messageId, (byMessage.get(r.messageId) ?? new Set()).add(r.userId));
    keepMessage = (e) => {
      const m = e.payload as { id?: string; author?: { id?: string } };
      const chosen = byMessage.get(m.id ?? "");
      if (chosen?.has(userId)) return true;
      const fromApplicant = applicants.has(m.author?.id ?? "");
      // With recipients chosen by the sender, an applicant's question reaches only them.
      if (fromApplicant) return chosen && chosen.size > 0 ? false : p.fromApplicants;
      return p.toApplicants;
    };
  }
  return events.filter((e) => e.type !== "message.created" || (e.seq > lastReadSeq && keepMessage(e)));
}

/**
 * N4: handles one user's slot: writes the DigestRun row (the idempotency guard), then the email when
 * there is something new. Returns what happened; a concurrent run of the same slot gets "already_done".
 */
export async function sendDigest(
  userId: string,
  org: Org,
  frequency: DigestFrequency,
  slot: Date,
): Promise<DigestOutcome> {
  const done = await db().digestRun.findUnique({
    where: { userId_organizationId_slotAt: { userId, organizationId: org.id, slotAt: slot } },
    select: { id: true },
  });
  if (done) return "already_done";
  const appUrl = env().appUrl;
  let outcome: DigestOutcome;
  try {
    outcome = await db().$transaction(async (tx) => {
      // The guard first: it takes SQLite's write lock, and PostgreSQL's unique index makes a concurrent
      // transaction for the same slot wait and then fail.
      const run = await tx.digestRun.create({
        data: { userId, organizationId: org.id, frequency, slotAt: slot },
        select: { id: true },
      });
      const from = await digestWindowStart(tx, userId, org, frequency, slot);
      const { sections, locale, email } = await collectDigest(tx, userId, org.id, from, slot);
      if (sections.length === 0 || !locale || !email) return "empty" as const;
      // N5: one-click unsubscribe, as a link and as List-Unsubscribe headers.
      const deliveryId = await recordEmail(
        {
          kind: "digest",
          template: "digest",
          params: {
            frequency,
            organization: org.name,
            sections,
            settingsUrl: `${appUrl}/settings/conversations`,
            unsubscribeUrl: unsubscribeUrl(userId),
          },
          toEmail: email,
          locale,
          userId,
          organizationId: org.id,
          headers: unsubscribeHeaders(userId),
        },
        tx,
      );
      await tx.digestRun.update({ where: { id: run.id }, data: { deliveryId } });
      return "sent" as const;
    });
  } catch (e) {
    if (isUniqueViolation(e)) return "already_done";
    throw e;
  }
  if (outcome === "sent") kickOutbox();
  return outcome;
}

// N4: the digest job's run (server/jobs/digests.ts schedules it).
const FALLBACK_TIME_ZONE = "Europe/Paris";

export type DigestRunResult = Record<DigestOutcome, number>;

export async function runDigests(now: Date): Promise<DigestRunResult> {
  const result: DigestRunResult = { sent: 0, empty: 0, already_done: 0 };
  const orgs = await db().organization.findMany({
    select: { id: true, name: true, timeZone: true },
    orderBy: { id: "asc" },
  });
  for (const o of orgs) {
    const timeZone = isTimeZone(o.timeZone) ? o.timeZone : FALLBACK_TIME_ZONE;
    if (timeZone !== o.timeZone)
      logger.warn("unknown organization time zone, digests use Europe/Paris", {
        organizationId: o.id,
        timeZone: o.timeZone,
      });
    const org = { ...o, timeZone };
    for (const frequency of ["daily", "weekly"] as DigestFrequency[]) {
      const slot = dueDigestSlot(frequency, now, timeZone);
      if (!slot) continue;
      // Users on this frequency who may see a dossier of the organization (member of one, or staff).
      const users = await db().user.findMany({
        where: {
          notificationSettings: { frequency },
          OR: [
            { dossierMemberships: { some: { dossier: { organizationId: org.id } } } },
            { memberships: { some: { organizationId: org.id, role: { in: [...STAFF_ROLES] } } } },
          ],
        },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      // Users whose slot is handled already (the job runs every few minutes for hours after 08:00).
      const done = new Set(
        (
          await db().digestRun.findMany({ where: { organizationId: org.id, slotAt: slot }, select: { userId: true } })
        ).map((r) => r.userId),
      );
      for (const u of users) {
        if (done.has(u.id)) {
          result.already_done += 1;
          continue;
        }
        try {
          result[await sendDigest(u.id, org, frequency, slot)] += 1;
        } catch (e) {
          // One user's failure does not stop the others; their slot is retried at the next tick.
          logger.error("digest failed", {
            userId: u.id,
            organizationId: org.id,
            error: e instanceof Error ? (e.stack ?? e.message) : String(e),
          });
        }
      }
    }
  }
  return result;
}
