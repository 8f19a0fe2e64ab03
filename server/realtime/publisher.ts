// How services publish after commit. The custom server installs the Socket.IO publisher on globalThis,
// because server actions compiled by Next see a different instance of this module.
import type { DossierEventWire } from "./contract";

export type PublishedEvent = DossierEventWire & { audience: string; organizationId: string };

export interface Publisher {
  dossierEvent(event: PublishedEvent): void;
  /** The user lost access to the dossier: their sockets leave its rooms now (A3). */
  revoke(userId: string, dossierId: string): void;
  /** A5, S10: this partner lost the partner view of the dossier (solicitation revoked): cut now. */
  revokePartner?(userId: string, dossierId: string): void;
  /** A5, S3: the dossier's status hides it from partners: every partner socket leaves, now. */
  revokePartners?(dossierId: string): void;
}

const KEY = Symbol.for("relais.publisher");
type Holder = { [KEY]?: Publisher };

const none: Publisher = { dossierEvent() {}, revoke() {} };

export function setPublisher(p: Publisher | undefined) {
  (globalThis as Holder)[KEY] = p;
}

export function publisher(): Publisher {
  return (globalThis as Holder)[KEY] ?? none;
}
