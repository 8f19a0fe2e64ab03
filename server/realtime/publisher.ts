// The publisher port is the domain's (server/domain/ports.ts); realtime implements it (server.ts).
export { publisher, setPublisher, type Publisher } from "../domain/ports";
export type { PublishedEvent } from "../domain/dossier/events";
