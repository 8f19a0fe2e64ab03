// Contacts are organization data: creating one is no dossier change and publishes nothing. Adding a
// contact to a dossier is a party change (server/domain/billing/events.ts).
export {};
