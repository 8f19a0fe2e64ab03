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
};

export const MESSAGE_CREATED = "message.created";
export type MessageCreatedPayload = MessageView;
