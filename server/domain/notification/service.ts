// Notification emails (C2, C3, C7, N2, N5, N6, P4): who hears about a change, written in the outbox in
// the same transaction as the change. Every recipient goes through the preference gate (gate.ts, N8);
// only "immediately" users get a delivery row, due a minute later so that reading the message in the
// app first can cancel it (C7). A message's deliveries are written just after its send, in batches
// (pending.ts, issue 18). Daily and weekly users get nothing here: their digest reads the dossier's
// events since the last digest (see the digest job).
import { hot, queriesOf, type Db, type Tx } from "../../db";
import { asBool, sql, type HotQueries } from "../../db/hot";
import { recordEmails, type BatchDelivery } from "../outbox/queries";
import type { NotificationContent, NotificationTarget } from "../outbox/templates";
import {
  allowedRecipients,
  decide,
  type GateCandidate,
  type GateFacts,
  type ParticipationSwitch,
  type Recipient,
} from "./gate";
import { defaultParticipation } from "./schema";
import { unsubscribeHeaders } from "./unsubscribe";
import { displayName } from "../text";

/** C7: an immediate notification waits this long, so that a read in the app can cancel it; it still leaves within a minute. */
export const IMMEDIATE_DELAY_MS = 50_000;

export const MESSAGE_TEMPLATE = "notification.message" as const;
/** C7: why a message email was cancelled by a read in the app (the staff page of deliveries reads it back). */
export const READ_IN_APP = "read in the app before sending (C7)";

/** A notification's content for one recipient (its links are made when it leaves, N9). */
type Content = (target: NotificationTarget) => NotificationContent;

async function record(
  tx: Tx | HotQueries,
  input: {
    dossierId: string;
    tab?: string;
    candidates: GateCandidate[];
    participation?: ParticipationSwitch;
    aboutSeq?: number;
    now: Date;
    exclude: string | null;
  },
  content: Content,
): Promise<Recipient[]> {
  const candidates = input.candidates.filter((c) => (typeof c === "string" ? c : c.userId) !== input.exclude);
  const recipients = await allowedRecipients(tx, {
    dossierId: input.dossierId,
    kind: "notification",
    candidates,
    participation: input.participation,
  });
  await writeDeliveries(tx, recipients, input, content);
  return recipients;
}

/** The deliveries of a change, each due a minute later (C7), to write with the one writer of EmailDelivery. */
function deliveriesFor(
  recipients: Recipient[],
  input: { dossierId: string; tab?: string; aboutSeq?: number; now: Date },
  content: Content,
): BatchDelivery[] {
  const notBefore = new Date(input.now.getTime() + IMMEDIATE_DELAY_MS);
  // Written out, not spread: V8 spread these objects on a slow path (a message's deliveries took 28 µs
  // to build with the spreads, 5 µs without; issue 18, bench/README.md tenth pass).
  return recipients.map((r) => {
    const target: NotificationTarget = input.tab
      ? { dossierId: input.dossierId, userId: r.userId, tab: input.tab }
      : { dossierId: input.dossierId, userId: r.userId };
    const { template, params } = content(target);
    return {
      template,
      params,
      kind: "notification",
      toEmail: r.email,
      userId: r.userId,
      dossierId: input.dossierId,
      locale: r.locale,
      headers: unsubscribeHeaders(r.userId),
      notBefore,
      aboutSeq: input.aboutSeq ?? null,
      at: input.now,
    } as BatchDelivery;
  });
}

/** Writes the deliveries of a change in its transaction; returns their ids. */
function writeDeliveries(
  tx: Tx | HotQueries,
  recipients: Recipient[],
  input: { dossierId: string; tab?: string; aboutSeq?: number; now: Date },
  content: Content,
): Promise<string[]> {
  return recordEmails(deliveriesFor(recipients, input, content), tx);
}

type MemberRow = { userId: string; side: string };

const MEMBERS = sql(
  "notification.members",
  `SELECT "userId" AS "userId", "side" AS "side" FROM "DossierMember" WHERE "dossierId" = ? ORDER BY "createdAt" ASC`,
);
const TITLE = sql("notification.title", `SELECT "title" AS "title" FROM "Dossier" WHERE "id" = ?`);

/** The dossier's members and title, read in the change's transaction. */
async function membersAndTitle(
  client: Tx | HotQueries,
  dossierId: string,
): Promise<{ all: MemberRow[]; title: string }> {
  const q = queriesOf(client);
  const all = await q.all<MemberRow>(MEMBERS, [dossierId]);
  const row = await q.get<{ title: string }>(TITLE, [dossierId]);
  return { all, title: row?.title ?? "" };
}

export type AdvisorOption = { userId: string; name: string; fromApplicants: boolean; toApplicants: boolean };

const ADVISORS = sql(
  "notification.advisors",
  `SELECT m."userId" AS "userId", u."name" AS "name", u."email" AS "email", p."id" AS "participationId",
     p."fromApplicants" AS "fromApplicants", p."toApplicants" AS "toApplicants"
   FROM "DossierMember" m
   JOIN "User" u ON u."id" = m."userId"
   LEFT JOIN "DossierParticipation" p ON p."userId" = m."userId" AND p."dossierId" = m."dossierId"
   WHERE m."dossierId" = ? AND m."side" = 'advisor'
   ORDER BY m."holder" DESC, m."createdAt" ASC`,
);

/** C2, C3: the dossier's advisors with their participation (N3 defaults when they never chose): on every conversation page. */
export async function dossierAdvisors(dossierId: string): Promise<AdvisorOption[]> {
  const rows = await hot().all<{
    userId: string;
    name: string | null;
    email: string;
    participationId: string | null;
    fromApplicants: unknown;
    toApplicants: unknown;
  }>(ADVISORS, [dossierId]);
  return rows.map((r) => ({
    userId: r.userId,
    name: displayName(r),
    ...(r.participationId === null
      ? defaultParticipation()
      : { fromApplicants: asBool(r.fromApplicants), toApplicants: asBool(r.toApplicants) }),
  }));
}

type MemberFacts = GateFacts & { side: "applicant" | "advisor" };
export type DossierFacts = { title: string; paused: boolean; members: MemberFacts[] };

/** A member's participation switches as the queries below read them (N3). */
type ParticipationColumns = {
  hasParticipation: number | bigint | boolean;
  fromApplicants: number | bigint | boolean;
  toApplicants: number | bigint | boolean;
};

function participationOf(r: ParticipationColumns): { fromApplicants: boolean; toApplicants: boolean } | null {
  return asBool(r.hasParticipation)
    ? { fromApplicants: asBool(r.fromApplicants), toApplicants: asBool(r.toApplicants) }
    : null;
}

type FactsRow = ParticipationColumns & {
  title: string;
  paused: number | bigint | boolean;
  userId: string | null;
  side: string | null;
  email: string | null;
  profileLocale: string | null;
  frequency: string | null;
  locale: string | null;
  unsubscribed: number | bigint | boolean;
};

const DOSSIER_FACTS = sql(
  "notification.dossierFacts",
  `SELECT d."title" AS "title", CASE WHEN d."pausedAt" IS NULL THEN 0 ELSE 1 END AS "paused",
     m."userId" AS "userId", m."side" AS "side", u."email" AS "email", u."locale" AS "profileLocale",
     s."frequency" AS "frequency", s."locale" AS "locale", CASE WHEN s."unsubscribedAt" IS NULL THEN 0 ELSE 1 END AS "unsubscribed",
     CASE WHEN p."id" IS NULL THEN 0 ELSE 1 END AS "hasParticipation",
     CASE WHEN p."fromApplicants" THEN 1 ELSE 0 END AS "fromApplicants", CASE WHEN p."toApplicants" THEN 1 ELSE 0 END AS "toApplicants"
   FROM "Dossier" d
   LEFT JOIN "DossierMember" m ON m."dossierId" = d."id" AND m."readOnly" = false
   LEFT JOIN "User" u ON u."id" = m."userId"
   LEFT JOIN "NotificationSettings" s ON s."userId" = m."userId"
   LEFT JOIN "DossierParticipation" p ON p."userId" = m."userId" AND p."dossierId" = d."id"
   WHERE d."id" = ?
   ORDER BY m."holder" DESC, m."createdAt" ASC`,
);

/** The dossier's title and pause, and every member with their settings and participation: one query on both providers. */
export async function dossierFacts(tx: Tx | HotQueries, dossierId: string): Promise<DossierFacts | null> {
  const rows = await queriesOf(tx).all<FactsRow>(DOSSIER_FACTS, [dossierId]);
  if (rows.length === 0) return null;
  const members: MemberFacts[] = [];
  for (const r of rows) {
    if (!r.userId || !r.email) continue;
    members.push({
      userId: r.userId,
      email: r.email,
      profileLocale: r.profileLocale ?? "fr",
      settings:
        r.frequency === null
          ? null
          : { frequency: r.frequency, locale: r.locale, unsubscribed: asBool(r.unsubscribed) },
      side: r.side === "advisor" ? "advisor" : "applicant",
      participation: participationOf(r),
    });
  }
  return { title: rows[0].title, paused: asBool(rows[0].paused), members };
}

type AdvisorSwitchRow = ParticipationColumns & { userId: string };

// Only what choosing the recipients needs (G3, G5: the send reads no settings: its emails are written after it).
const ADVISOR_SWITCHES = sql(
  "notification.advisorSwitches",
  `SELECT m."userId" AS "userId", CASE WHEN p."id" IS NULL THEN 0 ELSE 1 END AS "hasParticipation",
     CASE WHEN p."fromApplicants" THEN 1 ELSE 0 END AS "fromApplicants", CASE WHEN p."toApplicants" THEN 1 ELSE 0 END AS "toApplicants"
   FROM "DossierMember" m
   LEFT JOIN "DossierParticipation" p ON p."userId" = m."userId" AND p."dossierId" = m."dossierId"
   WHERE m."dossierId" = ? AND m."side" = 'advisor' AND m."readOnly" = false`,
);

/**
 * C2, C3: who a new message goes to. From the applicant side it is a question for advisors: the chosen
 * advisors, or by default those whose "questions from applicants" is on. From the advisor side it is a
 * question for applicants, copied to the chosen advisors, or by default those whose "questions to
 * applicants" is on. Returns the advisors' ids (never the author), or null when a chosen id is not an
 * advisor of the dossier.
 */
export async function messageRecipients(
  q: HotQueries,
  dossierId: string,
  side: "applicant" | "advisor",
  authorId: string,
  recipientIds: string[] | undefined,
): Promise<string[] | null> {
  const advisors = await q.all<AdvisorSwitchRow>(ADVISOR_SWITCHES, [dossierId]);
  let ids: string[];
  if (recipientIds) {
    ids = [...new Set(recipientIds)];
    if (!ids.every((id) => advisors.some((a) => a.userId === id))) return null;
  } else {
    const key = side === "applicant" ? "fromApplicants" : "toApplicants";
    ids = advisors.filter((a) => (participationOf(a) ?? defaultParticipation())[key]).map((a) => a.userId);
  }
  return ids.filter((id) => id !== authorId);
}

const INSERT_RECIPIENT = sql(
  "notification.insertMessageRecipient",
  `INSERT INTO "MessageRecipient" ("messageId", "userId") VALUES (?, ?)`,
);
const QUEUE_EMAILS = sql(
  "notification.queueMessageEmails",
  `INSERT INTO "MessageEmailPending" ("messageId", "side") VALUES (?, ?)`,
);

/**
 * C2, C3: stores who the message was addressed to, and queues its emails (theirs, and the applicant
 * side's for an advisor's message): pending.ts writes them just after the send, with the gate's
 * decision of then. The caller schedules that pass once the change has committed.
 */
export async function notifyMessage(
  q: HotQueries,
  p: { messageId: string; side: "applicant" | "advisor"; recipientIds: string[] },
): Promise<void> {
  for (const userId of p.recipientIds) await q.write(INSERT_RECIPIENT, [p.messageId, userId]);
  await q.write(QUEUE_EMAILS, [p.messageId, p.side]);
}

/** A message whose emails are written now (pending.ts). */
export type QueuedMessage = {
  id: string;
  dossierId: string;
  seq: number;
  body: string;
  createdAt: Date;
  author: { userId: string; name: string };
  side: "applicant" | "advisor";
  /** the recipients stored with it (C2, C3) */
  chosen: Set<string>;
};

/**
 * C2, C3, P4, P6: a message's email deliveries, decided by the gate from the dossier's facts (read in
 * the same transaction) and due a minute after the message (C7); the caller writes them (a batch of
 * messages together, pending.ts). Each comes with its recipient.
 */
export function messageEmails(
  m: QueuedMessage,
  facts: DossierFacts,
): { recipient: Recipient; delivery: BatchDelivery }[] {
  // P6: an applicant-side message reactivated a paused dossier; a pause since then holds for everyone.
  const recipients = facts.members
    .filter(
      (f) =>
        f.userId !== m.author.userId && (m.chosen.has(f.userId) || (m.side === "advisor" && f.side === "applicant")),
    )
    .map((f) => decide(f, { kind: "notification", paused: facts.paused, chosen: m.chosen.has(f.userId) }))
    .filter((d) => d.decision === "send");
  const question = m.side === "applicant" ? "forAdvisors" : "forApplicants";
  const deliveries = deliveriesFor(
    recipients,
    { dossierId: m.dossierId, aboutSeq: m.seq, now: m.createdAt },
    (target) => ({
      template: MESSAGE_TEMPLATE,
      // Written out, not spread (see deliveriesFor); a message's target has no tab.
      params: {
        dossierId: target.dossierId,
        userId: target.userId,
        seq: m.seq,
        author: m.author.name,
        title: facts.title,
        body: m.body,
        question,
      },
    }),
  );
  return recipients.map((recipient, i) => ({ recipient, delivery: deliveries[i] }));
}

/** R1: a new recommendation is for the applicant side. */
export async function notifyRecommendationCreated(
  tx: Tx | HotQueries,
  p: { dossierId: string; recommendation: string; author: { userId: string; name: string }; now: Date },
) {
  const { all, title } = await membersAndTitle(tx, p.dossierId);
  return record(
    tx,
    {
      dossierId: p.dossierId,
      tab: "recommendations",
      candidates: all.filter((m) => m.side !== "advisor").map((m) => m.userId),
      now: p.now,
      exclude: p.author.userId,
    },
    (target) => ({
      template: "notification.reco.created",
      params: { ...target, author: p.author.name, title, recommendation: p.recommendation },
    }),
  );
}

/**
 * R2: a status change goes to the other side: from the applicant side, to the advisors who take
 * questions from applicants (N3); from the advisor side, to the applicant side.
 */
export async function notifyRecommendationStatus(
  tx: Tx | HotQueries,
  p: {
    dossierId: string;
    recommendation: string;
    status: string;
    by: { userId: string; name: string };
    side: "applicant" | "advisor";
    now: Date;
  },
) {
  const { all, title } = await membersAndTitle(tx, p.dossierId);
  const other = all
    .filter((m) => (p.side === "applicant" ? m.side === "advisor" : m.side !== "advisor"))
    .map((m) => m.userId);
  return record(
    tx,
    {
      dossierId: p.dossierId,
      tab: "recommendations",
      candidates: other,
      participation: p.side === "applicant" ? "fromApplicants" : undefined,
      now: p.now,
      exclude: p.by.userId,
    },
    (target) => ({
      template: "notification.reco.status",
      params: { ...target, by: p.by.name, title, recommendation: p.recommendation, status: p.status },
    }),
  );
}

/** P1, P4: a pause is told to every member; the gate keeps it from the applicant side, the dossier being paused. */
export async function notifyPaused(
  tx: Tx | HotQueries,
  p: {
    dossierId: string;
    by: { userId: string; name: string } | null;
    reason: string | null;
    delayDays?: number;
    now: Date;
  },
) {
  const { all, title } = await membersAndTitle(tx, p.dossierId);
  return record(
    tx,
    {
      dossierId: p.dossierId,
      tab: "settings",
      candidates: all.map((m) => m.userId),
      now: p.now,
      exclude: p.by?.userId ?? null,
    },
    (target) => ({
      template: "notification.paused",
      params: {
        ...target,
        title,
        by: p.by?.name ?? null,
        reason: p.reason,
        ...(p.delayDays !== undefined ? { delayDays: p.delayDays } : {}),
      },
    }),
  );
}

/** P2: a manual reactivation is told to every member (the applicant side hears again). */
export async function notifyReactivated(
  tx: Tx | HotQueries,
  p: { dossierId: string; by: { userId: string; name: string }; now: Date },
) {
  const { all, title } = await membersAndTitle(tx, p.dossierId);
  return record(
    tx,
    {
      dossierId: p.dossierId,
      tab: "settings",
      candidates: all.map((m) => m.userId),
      now: p.now,
      exclude: p.by.userId,
    },
    (target) => ({ template: "notification.reactivated", params: { ...target, title, by: p.by.name } }),
  );
}

/**
 * C7: the user read the dossier's conversation up to `seq`: their message emails about it that have not
 * left yet are cancelled (gate.ts's readInApp, as a query). A delivery a worker has already claimed (lease)
 * is left to leave.
 */
export async function cancelReadNotifications(
  client: Db | Tx,
  userId: string,
  dossierId: string,
  seq: number,
  now = new Date(),
): Promise<number> {
  const res = await client.emailDelivery.updateMany({
    where: {
      userId,
      dossierId,
      status: "pending",
      template: MESSAGE_TEMPLATE,
      aboutSeq: { lte: seq },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
    data: { status: "cancelled", lastError: READ_IN_APP },
  });
  return res.count;
}

export type ComposerRecipients = { side: "applicant" | "advisor"; advisors: AdvisorOption[] };

/** C2, C3: what the composer offers a viewer who may post: the dossier's other advisors with their participation. */
export async function composerRecipients(
  access: { dossierId: string; side: "applicant" | "advisor" },
  viewerId: string,
): Promise<ComposerRecipients> {
  const advisors = await dossierAdvisors(access.dossierId);
  return { side: access.side, advisors: advisors.filter((a) => a.userId !== viewerId) };
}
