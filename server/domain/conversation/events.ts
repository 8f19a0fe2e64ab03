import type { MessageView } from "../../realtime/contract";

export const MESSAGE_CREATED = "message.created";
export type MessageCreatedPayload = MessageView;
