// The one preference gate (N8). Every non-transactional email (notification, digest, reminder) asks it
// who may receive it BEFORE a delivery row is written; transactional emails (sign-in link, invitation,
// partner key) never come here and always leave.
//
// It decides from, for each candidate:
//   - access: still a member of the dossier, or staff/admin of its organization (A3);
//   - frequency (N1) and unsubscribe (N5): "never" gets nothing of any kind;
//   - pause (P4): while the dossier is paused, applicant-side members get nothing about it (advisors
//     keep theirs; the applicant's other dossiers are not affected: the check is per dossier);
//   - participation (N3): when the caller names a switch, advisor-side candidates with it off are left
//     out, unless the sender chose them explicitly (C2: the sender may add a non-participant);
//   - kind: "notification" leaves now only for "immediately" (daily/weekly users get it in their
//     digest: decision "digest"); "digest" only for daily/weekly; "reminder" for any frequency but never.
//
// Usage (inside the transaction that writes the deliveries):
//   const to = await allowedRecipients(tx, { dossierId, kind: "digest", candidates: [userId] });
//   for (const r of to) await recordEmail({ ..., toEmail: r.email, locale: r.locale, userId: r.userId }, tx);
import { queriesOf, type Db, type Tx } from "../../db";
import { asBool, sql, type HotQueries, type Sql } from "../../db/hot";
import { toLocale, type Locale } from "../../i18n";
import { STAFF_ROLES_SQL } from "../users/events";
import { DEFAULT_FREQUENCY, defaultParticipation, toFrequency, type Frequency } from "./schema";

export type GateKind = "notification" | "digest" | "reminder";
export type ParticipationSwitch = "fromApplicants" | "toApplicants";

export type GateCandidate = string | { userId: string; chosen?: boolean };

export type GateInput = {
  dossierId: string;
  kind: GateKind;
  candidates: GateCandidate[];
  /** N3: the switch that decides for advisor-side candidates not chosen explicitly */
  participation?: ParticipationSwitch;
};

export type RefusalReason =
  "no_access" | "never" | "unsubscribed" | "paused" | "not_participating" | "not_digest_frequency";

export type GateDecision = {
  userId: string;
  email: string;
  /** N2: the notification language (settings, else profile) */
  locale: Locale;
  frequency: Frequency;
  side: "applicant" | "advisor";
  /**
   * "send": write a delivery now. "digest": a notification for a daily/weekly user, left to their
   * digest (nothing is written now). "refuse": nothing of this kind reaches them.
   */
  decision: "send" | "digest" | "refuse";
  reason?: RefusalReason;
};

export type Recipient = Pick<GateDecision, "userId" | "email" | "locale" | "frequency" | "side">;

/** What the gate knows about one candidate on one dossier, however it was loaded. */
export type GateFacts = {
  userId: string;
  email: string;
  profileLocale: string;
  settings: { frequency: string; locale: string | null; unsubscribed: boolean } | null;
  /** the candidate's side on the dossier; null when they may not see it (A3) */
  side: "applicant" | "advisor" | null;
  /** N3 switches; null: never chosen (defaults) */
  participation: { fromApplicants: boolean; toApplicants: boolean } | null;
};

/**
 * The decision table itself, pure: every loader (gateDecisions below, the message path's single query
 * in service.ts) ends here, so there is one gate whatever reads the facts.
 */
export function decide(
  f: GateFacts,
  ctx: { kind: GateKind; paused: boolean; participation?: ParticipationSwitch; chosen: boolean },
): GateDecision {
  const frequency = f.settings ? toFrequency(f.settings.frequency) : DEFAULT_FREQUENCY;
  const base = {
    userId: f.userId,
    email: f.email,
    locale: toLocale(f.settings?.locale ?? f.profileLocale),
    frequency,
    side: f.side ?? "advisor",
  };
  const refuse = (reason: RefusalReason): GateDecision => ({ ...base, decision: "refuse", reason });
  if (!f.side) return refuse("no_access");
  if (frequency === "never") return refuse(f.settings?.unsubscribed ? "unsubscribed" : "never");
  if (ctx.paused && f.side === "applicant") return refuse("paused");
  if (
    ctx.participation &&
    f.side === "advisor" &&
    !ctx.chosen &&
    !(f.participation ?? defaultParticipation())[ctx.participation]
  )
    return refuse("not_participating");
  if (ctx.kind === "digest")
    return frequency === "daily" || frequency === "weekly"
      ? { ...base, decision: "send" }
      : refuse("not_digest_frequency");
  if (ctx.kind === "notification") return { ...base, decision: frequency === "immediately" ? "send" : "digest" };
  return { ...base, decision: "send" };
}

// The facts of the candidates who may see the dossier (its members and its organization's staff), in one
// statement on any client: a hot transaction, a Prisma transaction or plain reads. A read-only copy kept
// after a transfer (T4) and a deactivated user (X1) hear nothing more. The statement starts from the
// candidates (a JSON array of ids) and reaches each one's rows by unique keys: its cost follows the
// candidates, not the organization. Written as a correlated "u.id IN (members UNION staff)" it took
// 11.6 s on PostgreSQL for an organization of 5,000 staff (issue 18, G8); the whole organization
// gathered first, 10–16 ms; from the candidates, 0.06–0.2 ms for a handful and 1–3 ms for 200.
// PostgreSQL reads the array through a text[] literal: unnest's estimate is then exact, where
// json_array_elements_text's fixed guess of 100 rows led it back to scanning User and Membership.
const gateFacts = (
  candidates: string,
) => `WITH d AS (SELECT "id", "organizationId", "pausedAt" FROM "Dossier" WHERE "id" = ?)
   SELECT u."id" AS "userId", u."email" AS "email", u."locale" AS "profileLocale",
     s."frequency" AS "frequency", s."locale" AS "locale",
     CASE WHEN s."unsubscribedAt" IS NULL THEN 0 ELSE 1 END AS "unsubscribed",
     m."side" AS "side", CASE WHEN o."id" IS NULL THEN 0 ELSE 1 END AS "staff",
     CASE WHEN p."id" IS NULL THEN 0 ELSE 1 END AS "hasParticipation",
     CASE WHEN p."fromApplicants" THEN 1 ELSE 0 END AS "fromApplicants",
     CASE WHEN p."toApplicants" THEN 1 ELSE 0 END AS "toApplicants",
     CASE WHEN d."pausedAt" IS NULL THEN 0 ELSE 1 END AS "paused"
   FROM d CROSS JOIN ${candidates} c
   JOIN "User" u ON u."id" = c."userId" AND u."deactivatedAt" IS NULL
   LEFT JOIN "DossierMember" m ON m."dossierId" = d."id" AND m."userId" = u."id"
   LEFT JOIN "Membership" o ON o."organizationId" = d."organizationId" AND o."userId" = u."id" AND o."role" IN ${STAFF_ROLES_SQL}
   LEFT JOIN "NotificationSettings" s ON s."userId" = u."id"
   LEFT JOIN "DossierParticipation" p ON p."userId" = u."id" AND p."dossierId" = d."id"
   WHERE (m."id" IS NOT NULL AND m."readOnly" = false) OR o."id" IS NOT NULL`;
/** Exported for its plan test (gate.int.test.ts). */
export const GATE_FACTS: Sql = {
  name: "gate.facts",
  sqlite: gateFacts(`(SELECT DISTINCT value AS "userId" FROM json_each(?))`),
  postgres: sql(
    "gate.facts",
    gateFacts(`(SELECT DISTINCT k AS "userId" FROM unnest(translate(?, '[]', '{}')::text[]) AS k)`),
  ).postgres,
};

type GateRow = {
  userId: string;
  email: string;
  profileLocale: string;
  frequency: string | null;
  locale: string | null;
  unsubscribed: unknown;
  side: string | null;
  staff: unknown;
  hasParticipation: unknown;
  fromApplicants: unknown;
  toApplicants: unknown;
  paused: unknown;
};

/** The gate's decision for every candidate (duplicates merged; a "chosen" copy wins). */
export async function gateDecisions(client: Db | Tx | HotQueries, input: GateInput): Promise<GateDecision[]> {
  const chosen = new Map<string, boolean>();
  for (const c of input.candidates) {
    const id = typeof c === "string" ? c : c.userId;
    const isChosen = typeof c === "string" ? false : Boolean(c.chosen);
    chosen.set(id, (chosen.get(id) ?? false) || isChosen);
  }
  if (chosen.size === 0) return [];
  const rows = await queriesOf(client).all<GateRow>(GATE_FACTS, [input.dossierId, JSON.stringify([...chosen.keys()])]);
  const byId = new Map(rows.map((r) => [r.userId, r]));
  const out: GateDecision[] = [];
  for (const [id, isChosen] of chosen) {
    const r = byId.get(id);
    if (!r) {
      // A candidate who may not see the dossier (A3): nothing of it reaches them.
      out.push({
        userId: id,
        email: "",
        locale: "fr",
        frequency: DEFAULT_FREQUENCY,
        side: "advisor",
        decision: "refuse",
        reason: "no_access",
      });
      continue;
    }
    // Staff of the organization see every dossier of it: advisor side (A4).
    const side = r.side ? (r.side === "advisor" ? "advisor" : "applicant") : asBool(r.staff) ? "advisor" : null;
    const facts: GateFacts = {
      userId: r.userId,
      email: r.email,
      profileLocale: r.profileLocale,
      settings:
        r.frequency === null
          ? null
          : { frequency: r.frequency, locale: r.locale, unsubscribed: asBool(r.unsubscribed) },
      side,
      participation: asBool(r.hasParticipation)
        ? { fromApplicants: asBool(r.fromApplicants), toApplicants: asBool(r.toApplicants) }
        : null,
    };
    out.push(
      decide(facts, {
        kind: input.kind,
        paused: asBool(r.paused),
        participation: input.participation,
        chosen: isChosen,
      }),
    );
  }
  return out;
}

/** The candidates who may receive this email now: write one delivery row for each, in the same transaction. */
export async function allowedRecipients(client: Db | Tx | HotQueries, input: GateInput): Promise<Recipient[]> {
  return (await gateDecisions(client, input))
    .filter((d) => d.decision === "send")
    .map(({ userId, email, locale, frequency, side }) => ({ userId, email, locale, frequency, side }));
}

/** One user, one dossier: may this kind of email reach them now? */
export async function mayEmail(
  client: Db | Tx | HotQueries,
  input: { dossierId: string; kind: GateKind; userId: string; participation?: ParticipationSwitch },
): Promise<boolean> {
  const [d] = await gateDecisions(client, {
    dossierId: input.dossierId,
    kind: input.kind,
    candidates: [input.userId],
    participation: input.participation,
  });
  return d?.decision === "send";
}

// N9: the gate decides again when an email leaves. A delivery queued before a pause, a switch to never
// or to a digest, an unsubscribe or a loss of access does not leave; its reason is recorded.
const USER_SETTINGS = sql(
  "gate.userSettings",
  `SELECT u."locale" AS "profileLocale", s."frequency" AS "frequency", s."locale" AS "locale",
     CASE WHEN s."unsubscribedAt" IS NULL THEN 0 ELSE 1 END AS "unsubscribed"
   FROM "User" u LEFT JOIN "NotificationSettings" s ON s."userId" = u."id" WHERE u."id" = ?`,
);

export type LeavingDelivery = {
  kind: string;
  template: string;
  userId: string | null;
  dossierId: string | null;
  locale: string;
  /** a message notification: the message's seq (C7) */
  aboutSeq?: number | null;
};

export type LeaveVerdict =
  { leave: true; locale: Locale } | { leave: false; reason: RefusalReason | "digest" | "read" };

const LAST_READ = sql(
  "gate.lastRead",
  `SELECT "lastReadSeq" AS "lastReadSeq" FROM "DossierRead" WHERE "userId" = ? AND "dossierId" = ?`,
);

/**
 * C7: a message's email is void once its recipient has read the dossier up to that message. The one rule
 * for its three moments: a read cancels what is written (cancelReadNotifications, the same comparison in
 * its query), the batch that writes the emails cancels those already read (pending.ts), and an email
 * leaving checks again (mayLeave: a read that crossed the writing in another process).
 */
export function readInApp(lastReadSeq: number | undefined, messageSeq: number): boolean {
  return lastReadSeq !== undefined && lastReadSeq >= messageSeq;
}

/** Whether a queued email may leave now, and in which language (N2: the recipient's, as of now). */
export async function mayLeave(client: Db | Tx | HotQueries, d: LeavingDelivery): Promise<LeaveVerdict> {
  // N8: transactional emails always leave; so does anything not addressed to a known user.
  if (d.kind === "transactional" || !d.userId) return { leave: true, locale: toLocale(d.locale) };
  if ((d.kind === "notification" || d.kind === "reminder") && d.dossierId && d.template !== "partner-reminder") {
    // The sender's choice (C2) stood when it was queued: participation is not asked again.
    const [decision] = await gateDecisions(client, {
      dossierId: d.dossierId,
      kind: d.kind,
      candidates: [{ userId: d.userId, chosen: true }],
    });
    if (!decision) return { leave: false, reason: "no_access" };
    // C7: read in the app since it was queued. markRead cancels what is written; a read that crossed
    // the writing of the email (another process, pending.ts) is caught here.
    if (decision.decision === "send" && d.aboutSeq != null) {
      const read = await queriesOf(client).get<{ lastReadSeq: number | bigint }>(LAST_READ, [d.userId, d.dossierId]);
      if (readInApp(read ? Number(read.lastReadSeq) : undefined, d.aboutSeq)) return { leave: false, reason: "read" };
    }
    if (decision.decision === "send") return { leave: true, locale: decision.locale };
    return { leave: false, reason: decision.decision === "digest" ? "digest" : (decision.reason ?? "no_access") };
  }
  // Digests and partner reminders: the user's own settings decide (a partner is no member).
  const s = await queriesOf(client).get<{
    profileLocale: string;
    frequency: string | null;
    locale: string | null;
    unsubscribed: unknown;
  }>(USER_SETTINGS, [d.userId]);
  if (!s) return { leave: false, reason: "no_access" };
  const frequency = s.frequency === null ? DEFAULT_FREQUENCY : toFrequency(s.frequency);
  const locale = toLocale(s.locale ?? s.profileLocale);
  if (frequency === "never") return { leave: false, reason: asBool(s.unsubscribed) ? "unsubscribed" : "never" };
  if (d.kind === "digest" && frequency !== "daily" && frequency !== "weekly")
    return { leave: false, reason: "not_digest_frequency" };
  return { leave: true, locale };
}
