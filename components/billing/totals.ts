// What the activity list adds up (issue 12, item 3), shared by the list and its page's server, which
// writes the texts of the first totals (issue 17: no NumberFormat made while the tab hydrates).
import type { ActivityView } from "@/server/domain/billing/service";

/** With a client filter, an activity counts for that client's share; otherwise its amount. */
export function activityAmount(a: ActivityView, client: string): number {
  return client ? (a.allocations.find((al) => al.partyId === client)?.amountCents ?? 0) : a.amountCents;
}

/** The total and the unbilled total of the activities shown. */
export function activityTotals(shown: ActivityView[], client: string): { total: number; unbilled: number } {
  let total = 0;
  let unbilled = 0;
  for (const a of shown) {
    const amount = activityAmount(a, client);
    total += amount;
    if (a.status === "unbilled") unbilled += amount;
  }
  return { total, unbilled };
}
