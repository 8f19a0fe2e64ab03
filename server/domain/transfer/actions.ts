"use server";
// Server actions of transfers (T2–T4) and of the referent's hand-over: thin, through the one builder.
import { action } from "../../auth/action";
import { answerTransfer, cancelTransfer, coordinatorTransfer, handReferentRole, requestTransfer } from "./service";

/** T2, T4: input `{ dossierId, toUserId, withConfidential, withRawData, keepReadOnlyCopy }`. */
export const requestTransferAction = action("transfer.request", (actor, input: unknown) =>
  requestTransfer(actor, input),
);

/** T3: input `{ fromUserId, toUserId, dossierId? | all: true, ...options }`. */
export const coordinatorTransferAction = action("transfer.coordinator", (actor, input: unknown) =>
  coordinatorTransfer(actor, input),
);

/** T2: input `{ transferId, answer: "accept" | "refuse" }`. */
export const answerTransferAction = action("transfer.answer", (actor, input: unknown) => answerTransfer(actor, input));

/** T2: input `{ transferId }`. */
export const cancelTransferAction = action("transfer.cancel", (actor, input: unknown) => cancelTransfer(actor, input));

/** Input `{ dossierId, toUserId }`. */
export const handReferentAction = action("dossier.handReferent", (actor, input: unknown) =>
  handReferentRole(actor, input),
);
