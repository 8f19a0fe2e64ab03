// Billing input (K1–K8), checked at the edge. Amounts are integers in cents (K8); messages are
// catalogue keys.
import { z } from "zod";

export const AMOUNT_MAX_CENTS = 10_000_000_000;
export const DURATION_MAX_MINUTES = 24 * 60;
export const DESCRIPTION_MAX = 500;
export const MOVE_MAX = 500;

const id = z.string().min(1).max(64);

const cents = z
  .number("billing.error.amountInteger")
  .int("billing.error.amountInteger")
  .positive("billing.error.amountPositive")
  .max(AMOUNT_MAX_CENTS, "billing.error.amountTooLarge");

export const PARTY_ROLES = ["client", "opposing", "related"] as const;
export const ACTIVITY_KINDS = ["time", "expense"] as const;
export const ACTIVITY_STATUSES = ["unbilled", "proforma", "billed"] as const;

export const addPartySchema = z.object({
  dossierId: id,
  contactId: id,
  role: z.enum(PARTY_ROLES, "billing.error.role"),
  active: z.boolean().default(true),
});

export const removePartySchema = z.object({ partyId: id });

export const setClientActiveSchema = z.object({ partyId: id, active: z.boolean() });

export const setPortalSchema = z.object({ partyId: id, shared: z.boolean() });

export const allocationSchema = z.object({
  dossierId: id,
  /** null: equal split among the active clients */
  percents: z
    .array(
      z.object({
        partyId: id,
        percent: z
          .number()
          .int("billing.error.percentInteger")
          .min(1, "billing.error.percentRange")
          .max(100, "billing.error.percentRange"),
      }),
    )
    .max(100)
    .nullable(),
});

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "billing.error.date")
  .transform((s) => new Date(`${s}T00:00:00.000Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "billing.error.date");

const description = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z.string().min(1, "billing.error.descriptionRequired").max(DESCRIPTION_MAX, "billing.error.descriptionTooLong"),
  );

export const createActivitySchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("time"),
      dossierId: id,
      description,
      date: day,
      durationMinutes: z
        .number("billing.error.durationRange")
        .int("billing.error.durationRange")
        .min(1, "billing.error.durationRange")
        .max(DURATION_MAX_MINUTES, "billing.error.durationRange"),
      hourlyRateCents: cents,
      clientPartyId: id.nullable().default(null),
    }),
    z.object({
      kind: z.literal("expense"),
      dossierId: id,
      description,
      date: day,
      amountCents: cents,
      clientPartyId: id.nullable().default(null),
    }),
  ],
  "billing.error.kind",
);

export const moveActivitiesSchema = z.object({
  sourceDossierId: id,
  targetDossierId: id,
  activityIds: z.array(id).min(1, "billing.error.nothingSelected").max(MOVE_MAX),
});

export const proformaSchema = z.object({ dossierId: id });
export const proformaIdSchema = z.object({ proformaId: id });
export const invoiceIdSchema = z.object({ invoiceId: id });

export type CreateActivityInput = z.input<typeof createActivitySchema>;

/** The organization's VAT rate, in basis points (2000 = 20 %). */
export const vatRateSchema = z.object({
  organizationId: id,
  rateBasisPoints: z
    .number("billing.error.vatRate")
    .int("billing.error.vatRate")
    .min(0, "billing.error.vatRate")
    .max(10_000, "billing.error.vatRate"),
});
