// Contact input (issue 12, item 1): a person or a company of one organization.
import { z } from "zod";

const id = z.string().min(1).max(64);
const optional = (max: number) =>
  z
    .string()
    .max(max, "error.invalid")
    .transform((s) => s.trim())
    .transform((s) => (s === "" ? null : s))
    .nullable()
    .default(null);

export const createContactSchema = z.object({
  organizationId: id,
  kind: z.enum(["person", "company"]).default("person"),
  name: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "billing.error.contactName").max(200, "billing.error.contactName")),
  email: optional(320).pipe(z.email("billing.error.email").nullable()),
  phone: optional(50),
  address: optional(500),
});
