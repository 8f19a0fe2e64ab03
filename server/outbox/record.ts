// Recording is the domain's (server/domain/outbox/queries.ts, one writer of EmailDelivery); the wake-up
// is a domain port that the worker installs.
export { recordEmail, type EmailKind, type NewDelivery } from "../domain/outbox/queries";
export { kickOutbox, setOutboxKick } from "../domain/ports";
