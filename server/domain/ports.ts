// What the domain needs from the outside, as interfaces it owns (the arrow points inwards): the
// publisher that tells live viewers after a commit. server/realtime/ implements it with Socket.IO and
// installs it on globalThis, because server actions compiled by Next see another instance of this module.
import type { PublishedEvent } from "./dossier/events";

export interface Publisher {
  dossierEvent(event: PublishedEvent): void;
  /** The user lost access to the dossier: their sockets leave its rooms now (A3). */
  revoke(userId: string, dossierId: string): void;
  /** A5, S10: this partner lost the partner view of the dossier (solicitation revoked): cut now. */
  revokePartner?(userId: string, dossierId: string): void;
  /** T2, T8: these users' dashboards changed about this dossier (a transfer to answer appeared or went). */
  usersChanged?(userIds: string[], dossierId: string): void;
  /**
   * T4: the user kept a read-only copy: a snapshot of the dossier at the transfer. Their sockets leave
   * every room of it now (nothing newer reaches them) and are told, so an open page turns read-only.
   */
  turnReadOnly?(userId: string, dossierId: string): void;
  /** X1: every session of the user ended (sign out everywhere, deactivation, role change): every socket of theirs is cut, now. */
  revokeUser?(userId: string): void;
  /** X1: this session ended (sign-out, idle timeout, lifetime): its sockets are cut, now. */
  revokeSession?(sessionId: string): void;
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

// The outbox worker of this process (server/outbox/worker.ts) installs its wake-up here, so that a
// recorded email leaves now rather than at the next poll.
const KICK = Symbol.for("relais.outbox.kick");
type KickHolder = { [KICK]?: () => void };

export function kickOutbox() {
  (globalThis as KickHolder)[KICK]?.();
}

export function setOutboxKick(fn: (() => void) | undefined) {
  (globalThis as KickHolder)[KICK] = fn;
}
