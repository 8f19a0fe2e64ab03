// How one timeline entry reads (P7): known types in words, any other type (recommendation.*,
// document.*, member.*, …) generically with who and what, so every area's events show.
import type { DossierEventWire } from "@/server/realtime/contract";
import { t, type Locale } from "@/server/i18n";
import { describePauseEvent } from "../pause/describe";

export type TimelineView = { title: string; details: string[]; actorName: string | null; automatic: boolean };

type Loose = Record<string, unknown>;

/** A person's name carried by a payload, whatever the area called it. */
export function nameInPayload(payload: unknown): string | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Loose;
  for (const key of ["byName", "actorName", "authorName", "userName"]) if (typeof p[key] === "string") return p[key] as string;
  for (const key of ["author", "by", "actor", "user", "member"]) {
    const v = p[key];
    if (v && typeof v === "object" && typeof (v as Loose).name === "string") return (v as Loose).name as string;
  }
  return null;
}

/** A short human label for an unknown event type: "recommendation.status_changed" → "recommendation · status changed". */
function humanType(type: string): string {
  return type.replace(/[._]/g, (c) => (c === "." ? " · " : " "));
}

function titleInPayload(v: unknown): string | null {
  if (!v || typeof v !== "object") return null;
  const p = v as Loose;
  return typeof p.title === "string" ? p.title : typeof p.originalName === "string" ? p.originalName : null;
}

function excerpt(text: string, max = 140): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function describeEvent(locale: Locale, e: Pick<DossierEventWire, "type" | "payload">, actorName: string | null): TimelineView {
  const name = actorName ?? nameInPayload(e.payload);
  const someone = t(locale, "timeline.someone");
  const pause = describePauseEvent(locale, e.type, e.payload);
  if (pause) {
    return { title: pause.text, details: [pause.reason, pause.comment].filter((x): x is string => Boolean(x)), actorName: pause.automatic && e.type === "dossier.paused" ? null : name, automatic: pause.automatic };
  }
  const p = (e.payload ?? {}) as Loose;
  if (e.type === "message.created") {
    return { title: t(locale, "timeline.messageCreated", { name: name ?? someone }), details: typeof p.body === "string" ? [excerpt(p.body)] : [], actorName: name, automatic: false };
  }
  const title = titleInPayload(p) ?? titleInPayload(p.recommendation) ?? titleInPayload(p.document);
  return { title: t(locale, "timeline.generic", { name: name ?? someone, type: humanType(e.type) }), details: title ? [excerpt(title)] : [], actorName: name, automatic: false };
}
