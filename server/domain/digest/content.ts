// N4: what a digest says about one dossier, from its events, in the recipient's language. Pure: the
// service reads the events the recipient may see (audience, C7, gate) and hands them here.
import { t, type Locale, type MessageKey } from "../../i18n";
import { RECOMMENDATION_STATUSES } from "../recommendation/statuses";

/** The event types a digest reports; anything else (internal bookkeeping, other areas) is left out. */
export const DIGEST_EVENT_TYPES = [
  "message.created",
  "recommendation.created",
  "recommendation.updated",
  "recommendation.status_changed",
  "document.uploaded",
  "dossier.paused",
  "dossier.reactivated",
  "member.added",
  "member.removed",
  "member.left",
] as const;

export type DigestEvent = { seq: number; type: string; payload: unknown; at: Date };
export type DigestItem = { seq: number; text: string; detail: string | null; at: Date };
export type DigestSection = { dossierId: string; title: string; url: string; items: DigestItem[]; more: number };

/** Items per dossier in one email; the rest is counted ("and 12 more in the dossier"). */
export const MAX_ITEMS_PER_DOSSIER = 20;

type Loose = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

function excerpt(text: string, max = 200): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function statusLabel(locale: Locale, v: unknown): string {
  return typeof v === "string" && (RECOMMENDATION_STATUSES as readonly string[]).includes(v)
    ? t(locale, `reco.status.${v}` as MessageKey)
    : t(locale, "timeline.someone");
}

/** One line of the digest, or null for a type the digest does not report. */
export function describeDigestEvent(locale: Locale, e: DigestEvent): DigestItem | null {
  const p = (e.payload ?? {}) as Loose;
  const someone = t(locale, "timeline.someone");
  const reco = (p.recommendation ?? {}) as Loose;
  const line = (text: string, detail: string | null = null): DigestItem => ({
    seq: e.seq,
    text,
    detail: detail ? excerpt(detail) : null,
    at: e.at,
  });
  switch (e.type) {
    case "message.created":
      return line(
        t(locale, "digest.item.message", { name: str((p.author as Loose | undefined)?.name) ?? someone }),
        str(p.body),
      );
    case "recommendation.created":
      return line(
        t(locale, "digest.item.recommendationCreated", {
          name: str((reco.author as Loose | undefined)?.name) ?? someone,
        }),
        str(reco.title),
      );
    case "recommendation.updated":
      return line(t(locale, "digest.item.recommendationUpdated", { name: str(p.byName) ?? someone }), str(reco.title));
    case "recommendation.status_changed":
      return line(
        t(locale, "digest.item.recommendationStatus", {
          name: str(p.byName) ?? someone,
          from: statusLabel(locale, p.from),
          to: statusLabel(locale, p.to),
        }),
        str(reco.title),
      );
    case "document.uploaded": {
      const doc = (p.document ?? {}) as Loose;
      return line(
        t(locale, "digest.item.document", { name: str((doc.uploadedBy as Loose | undefined)?.name) ?? someone }),
        str(doc.name),
      );
    }
    case "dossier.paused":
      return line(
        p.cause === "inactivity"
          ? t(locale, "digest.item.pausedInactivity")
          : t(locale, "digest.item.paused", { name: str(p.byName) ?? someone }),
      );
    case "dossier.reactivated":
      return line(t(locale, "digest.item.reactivated", { name: str(p.byName) ?? someone }));
    case "member.added":
      return line(
        t(locale, "digest.item.memberAdded", { name: str(p.byName) ?? someone, member: str(p.name) ?? someone }),
      );
    case "member.removed":
      return line(
        t(locale, "digest.item.memberRemoved", { name: str(p.byName) ?? someone, member: str(p.name) ?? someone }),
      );
    case "member.left":
      return line(t(locale, "digest.item.memberLeft", { member: str(p.name) ?? someone }));
    default:
      return null;
  }
}

/** A dossier's section, oldest first, or null when nothing in it is worth telling (N8: no empty digest). */
export function digestSection(
  locale: Locale,
  dossier: { id: string; title: string; url: string },
  events: DigestEvent[],
): DigestSection | null {
  const items = [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => describeDigestEvent(locale, e))
    .filter((x): x is DigestItem => x !== null);
  if (items.length === 0) return null;
  return {
    dossierId: dossier.id,
    title: dossier.title,
    url: dossier.url,
    items: items.slice(0, MAX_ITEMS_PER_DOSSIER),
    more: Math.max(0, items.length - MAX_ITEMS_PER_DOSSIER),
  };
}
