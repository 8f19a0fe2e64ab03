// How one timeline entry reads (P7): known types in words, any other type (recommendation.*,
// document.*, member.*, …) generically with who and what, so every area's events show.
import type { DossierEventWire } from "@/server/realtime/contract";
import { t, type Locale, type MessageKey } from "@/server/i18n";
import { formatCents } from "@/server/i18n/money";
import { describePauseEvent } from "../pause/describe";
import { scopeText } from "../solicitation/describe";

export type TimelineView = { title: string; details: string[]; actorName: string | null; automatic: boolean };

type Loose = Record<string, unknown>;

/** A person's name carried by a payload, whatever the area called it. */
export function nameInPayload(payload: unknown): string | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Loose;
  for (const key of ["byName", "actorName", "authorName", "userName"])
    if (typeof p[key] === "string") return p[key] as string;
  for (const key of ["author", "by", "actor", "uploadedBy"]) {
    const v = p[key];
    if (v && typeof v === "object" && typeof (v as Loose).name === "string") return (v as Loose).name as string;
  }
  for (const key of ["recommendation", "document"]) {
    const v = p[key];
    if (v && typeof v === "object") {
      const inner = v as Loose;
      const who = inner.statusChangedBy ?? inner.author ?? inner.uploadedBy;
      if (who && typeof who === "object" && typeof (who as Loose).name === "string")
        return (who as Loose).name as string;
    }
  }
  return null;
}

/** A short human label for an unknown event type: "recommendation.status_changed" → "recommendation · status changed". */
function humanType(type: string): string {
  return type.replace(/[._]/g, (c) => (c === "." ? " · " : " "));
}

const RECOMMENDATION_STATUSES = ["proposed", "in_progress", "blocked", "done", "not_interested", "already_done"];

/** Other areas' events that read better in words (R2, documents, membership); anything else stays generic. */
function describeKnown(
  locale: Locale,
  type: string,
  p: Loose,
  name: string,
): { title: string; details: string[] } | null {
  const title = titleInPayload(p.recommendation) ?? titleInPayload(p.document, true);
  const details = title ? [excerpt(title)] : [];
  const str = (v: unknown) => (typeof v === "string" ? v : t(locale, "timeline.someone"));
  const yes = (v: unknown) => (v === true ? "yes" : "no");
  switch (type) {
    case "recommendation.created":
      return { title: t(locale, "timeline.recommendationCreated", { name }), details };
    case "recommendation.updated":
      return { title: t(locale, "timeline.recommendationUpdated", { name }), details };
    case "recommendation.status_changed": {
      const to =
        typeof p.to === "string" && RECOMMENDATION_STATUSES.includes(p.to)
          ? t(locale, `reco.status.${p.to}` as MessageKey)
          : str(p.to);
      return { title: t(locale, "timeline.recommendationStatus", { name, status: to }), details };
    }
    case "document.uploaded":
      return { title: t(locale, "timeline.documentUploaded", { name }), details };
    case "dossier.created":
      return { title: t(locale, "timeline.dossierCreated", { name: str(p.byName) }), details: [] };
    case "member.added":
      return { title: t(locale, "timeline.memberAdded", { name: str(p.byName), member: str(p.name) }), details: [] };
    case "member.removed":
      return { title: t(locale, "timeline.memberRemoved", { name: str(p.byName), member: str(p.name) }), details: [] };
    // K1, K4: billing events (advisor side only) in words; the others stay generic.
    case "party.added":
      return { title: t(locale, "timeline.party.added", { name, party: str(p.name) }), details: [] };
    case "party.status_changed":
      return {
        title: t(locale, "timeline.party.status_changed", {
          name,
          party: str(p.name),
          state: t(locale, p.active === true ? "billing.active" : "billing.inactive").toLowerCase(),
        }),
        details: [],
      };
    case "party.removed":
      return { title: t(locale, "timeline.party.removed", { name, party: str(p.name) }), details: [] };
    case "proforma.created":
      return { title: t(locale, "timeline.proforma.created", { name }), details: [] };
    case "proforma.cancelled":
      return { title: t(locale, "timeline.proforma.cancelled", { name }), details: [] };
    case "party.portal_changed":
      return {
        title: t(locale, "timeline.party.portalChanged", { name, party: str(p.name), shared: yes(p.shared) }),
        details: [],
      };
    case "billing.allocation_changed":
      return { title: t(locale, "timeline.billing.allocationChanged", { name }), details: [] };
    case "activity.moved_in":
    case "activity.moved_out":
      return {
        title: t(locale, type === "activity.moved_in" ? "timeline.activity.movedIn" : "timeline.activity.movedOut", {
          name,
          count: Array.isArray(p.activityIds) ? p.activityIds.length : 0,
          total: formatCents(locale, typeof p.totalCents === "number" ? p.totalCents : 0),
        }),
        details: [],
      };
    // S1–S10: solicitations, advisor side only; never the answer's text (S11).
    case "solicitation.created":
    case "solicitation.attached":
    case "solicitation.answered":
    case "solicitation.revoked":
    case "solicitation.reminded":
    case "solicitation.key_renewed":
    case "solicitation.stages": {
      const scope = typeof p.scope === "string" ? scopeText(locale, p.scope) : "";
      const auto = type === "solicitation.reminded" && typeof p.byName !== "string";
      const key = auto ? "timeline.solicitation.remindedAuto" : (`timeline.${type}` as MessageKey);
      return { title: t(locale, key, { name, scope }), details: [] };
    }
    case "document.partner_visibility":
      return { title: t(locale, "timeline.document.partnerVisibility", { visible: yes(p.visible) }), details };
    case "dossier.status_changed":
      return {
        title: t(locale, "timeline.dossier.statusChanged", { name, status: str(p.label ?? p.status) }),
        details: [],
      };
    // X2, S5, S9: partner signals carry no content; an on-behalf entry names its person (not their email).
    case "partner.view_changed":
      return { title: t(locale, "timeline.partner.viewChanged"), details: [] };
    case "partner.supplement_uploaded":
      return { title: t(locale, "timeline.partner.supplementUploaded"), details: [] };
    case "partner.on_behalf_named":
      return { title: t(locale, "timeline.partner.onBehalfNamed", { name, person: str(p.personName) }), details: [] };
    case "dossier.fields_changed":
      return {
        title: t(locale, "timeline.dossier.fieldsChanged", {
          name,
          count: Array.isArray(p.keys) ? p.keys.length : 0,
        }),
        details: [],
      };
    case "invoice.issued": {
      const numbers = Array.isArray(p.invoices) ? (p.invoices as Loose[]).map((i) => String(i.number)).join(", ") : "";
      return { title: t(locale, "timeline.invoice.issued", { name, numbers }), details: [] };
    }
    case "invoice.cancelled":
      return {
        title: t(locale, "timeline.invoice.cancelled", {
          name,
          number: String(p.number),
          credit: String(p.creditNumber),
        }),
        details: [],
      };
    case "activity.created":
      return { title: t(locale, "timeline.activity.created", { name, description: str(p.description) }), details: [] };
    case "member.left":
      return { title: t(locale, "timeline.memberLeft", { member: str(p.name) }), details: [] };
    // T8: every step of a transfer, with names only.
    case "transfer.requested":
    case "transfer.accepted":
    case "transfer.refused":
    case "transfer.expired":
    case "transfer.cancelled":
      return {
        title: t(locale, `timeline.${type}` as MessageKey, {
          name: str(p.byName),
          from: str(p.fromName),
          to: str(p.toName),
        }),
        details: [],
      };
    case "dossier.referent_changed":
      return {
        title: t(locale, "timeline.referentChanged", { from: str(p.fromName), to: str(p.toName) }),
        details: [],
      };
    // T7: notes and confidentiality events carry no content: the timeline says that something changed.
    case "note.created":
    case "note.confidentiality":
    case "document.flags":
    case "appointment.created":
    case "task.changed":
      return { title: t(locale, `timeline.${type}` as MessageKey), details: [] };
    default:
      return null;
  }
}

/** A title carried by a payload; `withName` also takes `name`, for nested objects such as a document (never a person's). */
function titleInPayload(v: unknown, withName = false): string | null {
  if (!v || typeof v !== "object") return null;
  const p = v as Loose;
  for (const key of withName ? ["title", "originalName", "name"] : ["title", "originalName"])
    if (typeof p[key] === "string") return p[key] as string;
  return null;
}

function excerpt(text: string, max = 140): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Issue 17: the timeline reads by date, newest first; events of the same instant by seq. */
export function newestFirst(a: { at: string; seq: number }, b: { at: string; seq: number }): number {
  return Date.parse(b.at) - Date.parse(a.at) || b.seq - a.seq;
}

export function describeEvent(
  locale: Locale,
  e: Pick<DossierEventWire, "type" | "payload">,
  actorName: string | null,
): TimelineView {
  const name = actorName ?? nameInPayload(e.payload);
  const someone = t(locale, "timeline.someone");
  const pause = describePauseEvent(locale, e.type, e.payload);
  if (pause) {
    return {
      title: pause.text,
      details: [pause.reason, pause.comment].filter((x): x is string => Boolean(x)),
      actorName: pause.automatic && e.type === "dossier.paused" ? null : name,
      automatic: pause.automatic,
    };
  }
  const p = (e.payload ?? {}) as Loose;
  if (e.type === "message.created") {
    return {
      title: t(locale, "timeline.messageCreated", { name: name ?? someone }),
      details: typeof p.body === "string" ? [excerpt(p.body)] : [],
      actorName: name,
      automatic: false,
    };
  }
  const known = describeKnown(locale, e.type, p, name ?? someone);
  if (known) return { ...known, actorName: name, automatic: false };
  const title = titleInPayload(p) ?? titleInPayload(p.recommendation) ?? titleInPayload(p.document, true);
  return {
    title: t(locale, "timeline.generic", { name: name ?? someone, type: humanType(e.type) }),
    details: title ? [excerpt(title)] : [],
    actorName: name,
    automatic: false,
  };
}
