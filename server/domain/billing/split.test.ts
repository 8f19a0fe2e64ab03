// K4, K8: property tests of the cent-exact split.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sharesOf, splitCents, timeAmountCents, vatCents } from "./split";

const amount = fc.integer({ min: 1, max: 10_000_000_000 });
const clients = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 12 });
const percents = (n: number) =>
  // n positive percentages adding up to 100
  fc
    .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: n - 1, maxLength: n - 1 })
    .map((cuts) => [0, ...cuts.sort((a, b) => a - b), 100])
    .map((points) => points.slice(1).map((p, i) => p - points[i]));

const sum = (xs: { amountCents: number }[]) => xs.reduce((a, x) => a + x.amountCents, 0);

describe("splitCents", () => {
  it("K8: an equal split never loses or creates a cent, and the remainder goes to the first clients", () => {
    fc.assert(
      fc.property(amount, clients, (a, ids) => {
        const parts = splitCents(
          a,
          ids.map((partyId) => ({ partyId, weight: 1 })),
        );
        expect(sum(parts)).toBe(a);
        expect(parts.map((p) => p.partyId)).toEqual(ids);
        const floor = Math.floor(a / ids.length);
        const remainder = a - floor * ids.length;
        parts.forEach((p, i) => expect(p.amountCents).toBe(i < remainder ? floor + 1 : floor));
        parts.forEach((p) => expect(Number.isInteger(p.amountCents)).toBe(true));
      }),
    );
  });

  it("K4, K8: a split by percentages is exact, each share within one cent of its exact value", () => {
    fc.assert(
      fc.property(
        amount,
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) => fc.tuple(fc.constant(n), n === 1 ? fc.constant([100]) : percents(n))),
        (a, [n, pcts]) => {
          const shares = pcts.map((weight, i) => ({ partyId: `c${i}`, weight }));
          const parts = splitCents(a, shares);
          expect(parts).toHaveLength(n);
          expect(sum(parts)).toBe(a);
          parts.forEach((p, i) => {
            const exact = (a * pcts[i]) / 100;
            expect(p.amountCents).toBeGreaterThanOrEqual(Math.floor(exact));
            expect(p.amountCents).toBeLessThanOrEqual(Math.floor(exact) + 1);
          });
          // The remainder goes to the first clients: once a client got no extra cent, none after it did.
          const extra = parts.map((p, i) => p.amountCents - Math.floor((a * pcts[i]) / 100));
          const firstWithout = extra.indexOf(0);
          if (firstWithout >= 0) expect(extra.slice(firstWithout).every((e) => e === 0)).toBe(true);
        },
      ),
    );
  });

  it("K4: a re-split after a client is made inactive then active again gives back the same allocation", () => {
    fc.assert(
      fc.property(
        fc.array(amount, { minLength: 1, maxLength: 10 }),
        clients.filter((ids) => ids.length >= 2),
        fc.nat(),
        (amounts, ids, pick) => {
          const all = ids.map((id) => ({ id, allocationPercent: null }));
          const inactive = ids[pick % ids.length];
          const before = amounts.map((a) => splitCents(a, sharesOf(all)));
          const during = amounts.map((a) => splitCents(a, sharesOf(all.filter((c) => c.id !== inactive))));
          during.forEach((parts, i) => {
            expect(sum(parts)).toBe(amounts[i]);
            expect(parts.some((p) => p.partyId === inactive)).toBe(false);
          });
          const after = amounts.map((a) => splitCents(a, sharesOf(all)));
          expect(after).toEqual(before);
        },
      ),
    );
  });

  it("K4: percentages count only when every active client has one; otherwise the split is equal", () => {
    expect(
      sharesOf([
        { id: "a", allocationPercent: 70 },
        { id: "b", allocationPercent: null },
      ]),
    ).toEqual([
      { partyId: "a", weight: 1 },
      { partyId: "b", weight: 1 },
    ]);
    expect(
      splitCents(
        100,
        sharesOf([
          { id: "a", allocationPercent: 70 },
          { id: "b", allocationPercent: 30 },
        ]),
      ),
    ).toEqual([
      { partyId: "a", amountCents: 70 },
      { partyId: "b", amountCents: 30 },
    ]);
    expect(splitCents(100, [])).toEqual([]);
  });

  it("K8: negative amounts (credit notes) split exactly too; non-integers are refused", () => {
    fc.assert(
      fc.property(amount, clients, (a, ids) => {
        const parts = splitCents(-a, sharesOf(ids.map((id) => ({ id, allocationPercent: null }))));
        expect(sum(parts)).toBe(-a);
      }),
    );
    expect(() => splitCents(10.5, [{ partyId: "a", weight: 1 }])).toThrow();
  });
});

describe("amounts", () => {
  it("K8: time is duration x rate rounded to the cent; VAT at 20 % rounded half up", () => {
    expect(timeAmountCents(90, 15_000)).toBe(22_500);
    expect(timeAmountCents(1, 10_001)).toBe(167); // 166.68
    expect(vatCents(10_000, 2000)).toBe(2000);
    expect(vatCents(1, 2000)).toBe(0); // 0.2
    expect(vatCents(3, 2000)).toBe(1); // 0.6
    expect(vatCents(-3, 2000)).toBe(-1);
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), (a, rate) => {
        const v = vatCents(a, rate);
        expect(Number.isInteger(v)).toBe(true);
        expect(Math.abs(v - (a * rate) / 10_000)).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});
