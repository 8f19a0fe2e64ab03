// T2: the transfer expiry job. A pending transfer unanswered for 14 days expires; the service takes the
// current time as a parameter so tests control the clock, and each expiry is guarded ("where pending
// and due"), so two runs at once expire each transfer once.
import { expireTransfers } from "../domain/transfer/service";
import { startPeriodicJob } from "./periodic";

export const TRANSFER_EXPIRY_INTERVAL_MS = 60 * 60 * 1000;

/** Runs the job now, then hourly; the returned function stops it and waits for a run in progress. */
export function startTransferExpiryJob(intervalMs = TRANSFER_EXPIRY_INTERVAL_MS): () => Promise<void> {
  return startPeriodicJob("transfer expiry run", intervalMs, expireTransfers, (r) =>
    r.expired > 0 ? { expired: r.expired } : null,
  );
}
