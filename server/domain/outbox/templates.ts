// N9: what each email says is decided when the change happens (template name and parameters, stored
// with the delivery in the change's transaction); how it reads is decided when it leaves: the outbox
// worker renders it then (server/email/render.ts), in the recipient's language at that moment. The
// domain owns this contract; server/email implements it.
import type { DigestSection } from "../digest/content";
import type { RecommendationStatus } from "../recommendation/statuses";

/** Links of a notification, computed when it leaves (the unsubscribe link is signed then). */
export type NotificationTarget = { dossierId: string; userId: string; tab?: string };

export type EmailParams = {
  "sign-in": { url: string };
  invitation: { inviter: string; title: string; organization: string; url: string };
  "partner-key": {
    asker: string;
    organization: string;
    title: string;
    scope: string;
    /** S1, issue 16: what is asked (opinion, supplement, both, on_behalf); older rows have none */
    kind?: string;
    instructions?: string;
    /** issue 16: a new key sent by the advisor side; the previous one no longer works */
    renewed?: boolean;
    key: string;
    expiresOn: string;
    dueDate: string | null;
    url: string;
  };
  "partner-request": {
    asker: string;
    title: string;
    scope: string;
    kind?: string;
    instructions?: string;
    dueDate: string | null;
    url: string;
  };
  "partner-reminder": {
    organization: string;
    title: string;
    scope: string;
    kind?: string;
    dueDate: string | null;
    url: string;
    attached: boolean;
    /** issue 16: not attached yet: a fresh key (the previous one no longer works) */
    key?: string | null;
    expiresOn?: string | null;
    unsubscribeUrl: string;
  };
  "notification.message": NotificationTarget & {
    /** C7, N10: the message's seq, so that reading it removes it from a batch */
    seq?: number;
    author: string;
    title: string;
    body: string;
    question: "forAdvisors" | "forApplicants";
  };
  "notification.reco.created": NotificationTarget & { author: string; title: string; recommendation: string };
  "notification.reco.status": NotificationTarget & {
    by: string;
    title: string;
    recommendation: string;
    status: string;
  };
  "notification.paused": NotificationTarget & {
    title: string;
    by: string | null;
    reason: string | null;
    delayDays?: number;
  };
  "notification.reactivated": NotificationTarget & { title: string; by: string };
  /** N10: several notifications about one dossier for one recipient, within the waiting window */
  "notification.batch": NotificationTarget & { title: string; items: NotificationContent[] };
  digest: {
    frequency: "daily" | "weekly";
    organization: string;
    sections: DigestSection[];
    settingsUrl: string;
    unsubscribeUrl?: string | null;
  };
  /** T2, T8: a transfer was requested, accepted, refused, expired or cancelled (names only, T7) */
  transfer: {
    event: "requested" | "accepted" | "refused" | "expired" | "cancelled";
    title: string;
    from: string;
    to: string;
    by: string | null;
    userId: string;
  };
  "reminder.recommendations": {
    title: string;
    organization: string;
    recommendations: { title: string; status: RecommendationStatus }[];
    url: string;
    weeks: number;
    unsubscribeUrl: string;
  };
};

export type EmailTemplate = keyof EmailParams;

/** A delivery's template and parameters, typed together. */
export type EmailContent = { [K in EmailTemplate]: { template: K; params: EmailParams[K] } }[EmailTemplate];

/** The notifications a batch can list (N10). */
export type NotificationContent = Extract<
  EmailContent,
  {
    template:
      | "notification.message"
      | "notification.reco.created"
      | "notification.reco.status"
      | "notification.paused"
      | "notification.reactivated";
  }
>;
