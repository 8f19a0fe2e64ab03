// N6: Resend's rate limit (2 requests a second by default) is per account, so two processes each pacing
// themselves would exceed it together. One process at a time holds the sender lease of a transport and
// sends, at its own measured pace; the lease is renewed at every send and passes to another process only
// once it has lapsed (the holder died or had nothing to send), so no burst follows a handover.
import crypto from "node:crypto";
import { db, isUniqueViolation } from "../db";

/** How long a holder keeps the lease after its last send. */
export const SENDER_LEASE_MS = 5_000;

/** This process (a new id at every start, so a restarted process waits for its dead predecessor's lease). */
const ME = `${process.pid}-${crypto.randomBytes(6).toString("hex")}`;

/** Takes or renews the sender lease of `key`; false while another process holds it. Guarded by compare-and-set. */
export async function holdSenderLease(key: string, now = Date.now(), me = ME): Promise<boolean> {
  const until = new Date(now + SENDER_LEASE_MS);
  const row = await db().senderLease.findUnique({ where: { key } });
  if (!row) {
    try {
      await db().senderLease.create({ data: { key, holder: me, until } });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false; // another process became the sender first
      throw e;
    }
  }
  if (row.holder !== me && row.until.getTime() > now) return false;
  const taken = await db().senderLease.updateMany({
    where: { key, holder: row.holder, until: row.until },
    data: { holder: me, until },
  });
  return taken.count === 1;
}

/** Whether another process holds the lease now (read only: an idle worker checks before claiming anything). */
export async function otherSender(key: string, now = Date.now(), me = ME): Promise<boolean> {
  const row = await db().senderLease.findUnique({ where: { key } });
  return row !== null && row.holder !== me && row.until.getTime() > now;
}
