// What transfers publish (T2–T4, T8): every request, acceptance, refusal, expiry and cancellation is a
// dossier event of the advisor side, so it is in the timeline. No zod here: the browser imports this file.

export const TRANSFER_REQUESTED = "transfer.requested";
export const TRANSFER_ACCEPTED = "transfer.accepted";
export const TRANSFER_REFUSED = "transfer.refused";
export const TRANSFER_EXPIRED = "transfer.expired";
export const TRANSFER_CANCELLED = "transfer.cancelled";
/** The referent handed their role to another applicant-side member. */
export const REFERENT_CHANGED = "dossier.referent_changed";

export const TRANSFER_EVENTS = [
  TRANSFER_REQUESTED,
  TRANSFER_ACCEPTED,
  TRANSFER_REFUSED,
  TRANSFER_EXPIRED,
  TRANSFER_CANCELLED,
] as const;

/** T2: an unanswered transfer expires after 14 days. */
export const TRANSFER_DAYS = 14;

export const TRANSFER_STATUSES = ["pending", "accepted", "refused", "expired", "cancelled"] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** T8: names only; no dossier content. */
export type TransferPayload = {
  transferId: string;
  fromUserId: string;
  fromName: string;
  toUserId: string;
  toName: string;
  /** who asked: the holder, staff or a coordinator (T3) */
  byName: string | null;
  withConfidential: boolean;
  withRawData: boolean;
  keepReadOnlyCopy: boolean;
};

export type ReferentChangedPayload = { fromUserId: string; fromName: string; toUserId: string; toName: string };
