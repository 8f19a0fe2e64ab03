// K4, K8: split an amount in cents among clients, never losing or creating a cent. Each client gets the
// floor of its share; the cents left over go one each to the first clients in the order given (callers
// pass a stable order: the clients' creation on the dossier, then id).

export type Share = { partyId: string; weight: number };
export type Allocation = { partyId: string; amountCents: number };

/**
 * Weights are the clients' percentages when every client has one (any positive integers work: they are
 * renormalized), else an equal split. The result lists every client, in the given order, and its
 * amounts add up to amountCents exactly. amountCents is a safe integer (|amount| x total weight < 2^53).
 */
export function splitCents(amountCents: number, shares: readonly Share[]): Allocation[] {
  if (!Number.isSafeInteger(amountCents)) throw new Error("amountCents must be an integer");
  if (shares.length === 0) return [];
  const weights = shares.every((s) => Number.isSafeInteger(s.weight) && s.weight > 0)
    ? shares.map((s) => s.weight)
    : shares.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const sign = amountCents < 0 ? -1 : 1;
  const abs = Math.abs(amountCents);
  if (!Number.isSafeInteger(abs * total)) throw new Error("amount too large to split exactly");
  const base = weights.map((w) => Math.floor((abs * w) / total));
  let left = abs - base.reduce((a, b) => a + b, 0);
  // left < number of clients: one cent each to the first ones.
  const amounts = base.map((b) => {
    if (left > 0) {
      left -= 1;
      return b + 1;
    }
    return b;
  });
  return shares.map((s, i) => ({ partyId: s.partyId, amountCents: sign * amounts[i] }));
}

/** The shares of a dossier's active clients: percentages when all have one, else equal (K4). */
export function sharesOf(clients: readonly { id: string; allocationPercent: number | null }[]): Share[] {
  const percents = clients.every((c) => c.allocationPercent !== null && c.allocationPercent > 0);
  return clients.map((c) => ({ partyId: c.id, weight: percents ? (c.allocationPercent ?? 1) : 1 }));
}

/** VAT on an amount before tax, rounded to the nearest cent (half up). rate in basis points. */
export function vatCents(subtotalCents: number, rateBasisPoints: number): number {
  const sign = subtotalCents < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(subtotalCents) * rateBasisPoints + 5000) / 10000);
}

/** K8: time is duration x hourly rate, rounded to the nearest cent (half up). */
export function timeAmountCents(durationMinutes: number, hourlyRateCents: number): number {
  return Math.floor((durationMinutes * hourlyRateCents + 30) / 60);
}
