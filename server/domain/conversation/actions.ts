"use server";
// Server actions of the conversation: thin, through the one action builder. Messages themselves are
// sent over the socket (section 5); these are reads for the page.
import { action } from "../../auth/action";
import { addressedTo, historyPage } from "./service";

/** C8: input `{ dossierId, beforeSeq }`: the page of history before that seq. */
export const historyPageAction = action("conversation.history", (actor, input: unknown) => historyPage(actor, input));

/** C2, C3: input `{ dossierId, fromSeq, toSeq }`: who those messages were addressed to (advisor side). */
export const addressedToAction = action("conversation.addressedTo", (actor, input: unknown) =>
  addressedTo(actor, input),
);
