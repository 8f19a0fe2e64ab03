// What the conversation publishes (C1): one event per message, audience "all". No zod here: the
// browser imports this file (through server/realtime/contract.ts).

/** C5: the longest message body accepted. */
export const MESSAGE_MAX_LENGTH = 10_000;

export type MessageView = {
  id: string;
  dossierId: string;
  clientId: string;
  seq: number;
  body: string;
  createdAt: string;
  author: { id: string; name: string };
  /**
   * C2, C3: the names of the advisors the message was addressed to (or copied to). Only in what the
   * advisor side reads (A4: which advisors a question reached follows their own participation
   * settings); never in the live event, whose audience is everyone.
   */
  to?: string[];
};

/** C8: messages per page of history (the newest page on opening, then older pages by seq). */
export const HISTORY_PAGE_SIZE = 50;

export const MESSAGE_CREATED = "message.created";
export type MessageCreatedPayload = MessageView;
