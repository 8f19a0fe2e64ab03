// What the solicitation area publishes. Every solicitation event goes to the advisor side only
// (audience "advisors", A4) and carries ids and states, never an answer's text: a confidential answer
// (S11) is read through the panel's query, which applies who may see it.
import type { Supplied } from "../partner/events";
import type { StageRow } from "./choose-stages";

export const SOLICITATION_CREATED = "solicitation.created";
export const SOLICITATION_ATTACHED = "solicitation.attached";
export const SOLICITATION_ANSWERED = "solicitation.answered";
export const SOLICITATION_REVOKED = "solicitation.revoked";
export const SOLICITATION_REMINDED = "solicitation.reminded";
/** Issue 16 item 2: the stages at which the partner sees and edits were chosen. */
export const SOLICITATION_STAGES = "solicitation.stages";
/** S2 (issue 16): a new key was sent to an external partner who had not attached yet */
export const SOLICITATION_KEY_RENEWED = "solicitation.key_renewed";

export type SolicitationEventPayload = { solicitationId: string; scope: string; byName: string | null };

/** S6: the state shown to advisors. */
export type SolicitationState = "waiting" | "expired" | "pending" | "answered" | "overdue" | "withdrawn";

export type SolicitationView = {
  id: string;
  kind: string;
  scope: string;
  external: boolean;
  partnerEmail: string;
  partnerName: string | null;
  askedBy: { id: string; name: string };
  dueDate: string | null;
  instructions: string;
  confidential: boolean;
  state: SolicitationState;
  attachedAt: string | null;
  answeredAt: string | null;
  revokedAt: string | null;
  /** null when there is no answer or the viewer may not read it (S11) */
  answer: { text: string; file: { name: string; size: number } | null } | null;
  answerHidden: boolean;
  /** S5, issue 16 item 5: the partner's answers to partner-only fields and files (null: none, or hidden per S11) */
  supplied: Supplied | null;
  /** S3 (issue 16 item 2): per status of the dossier, what this partner may do there */
  stages: StageRow[];
  /** S9: the person an on-behalf entry is for, as the partner named them (advisor side only) */
  onBehalf: { name: string; email: string } | null;
  reminders: string[];
  /** S6: a manual reminder may leave now (not answered, not revoked, none today) */
  canRemind: boolean;
  /** S6 (issue 16): each email that followed the request: manual, automatic or a renewed key */
  reminderLog: { at: string; by: "manual" | "automatic" | "key"; byName: string | null }[];
  /** S6: when the next automatic reminder leaves (ISO instant), or null */
  nextAutomaticReminder: string | null;
  /** S2 (issue 16): an external partner has not attached yet: a new key may be sent */
  canRenewKey: boolean;
};
