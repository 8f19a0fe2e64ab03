import { describe, expect, it } from "vitest";
import { formatCents, formatRate, parseCents } from "./money";

describe("K8: amounts shown and typed", () => {
  it("formats cents exactly", () => {
    expect(formatCents("fr", 123456).replace(/\s/g, " ")).toBe("1 234,56 €");
    expect(formatCents("en", 123456)).toBe("€1,234.56");
    expect(formatCents("fr", -3000).replace(/\s/g, " ")).toBe("-30,00 €");
    expect(formatCents("fr", 5).replace(/\s/g, " ")).toBe("0,05 €");
    expect(formatCents("en", 10_000_000_000)).toBe("€100,000,000.00");
  });
  it("parses what a person types into cents, or null", () => {
    expect(parseCents("12,5")).toBe(1250);
    expect(parseCents("1 234,56 €")).toBe(123456);
    expect(parseCents("150")).toBe(15000);
    expect(parseCents("0.01")).toBe(1);
    expect(parseCents("1,234")).toBeNull();
    expect(parseCents("abc")).toBeNull();
    expect(parseCents("")).toBeNull();
    expect(parseCents("-5")).toBe(-500);
  });
  it("formats rates", () => {
    expect(formatRate("fr", 2000)).toBe("20");
    expect(formatRate("fr", 550)).toBe("5,5");
  });
});
