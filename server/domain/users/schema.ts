// Inputs of user management (T1, issue 13).
import { z } from "zod";
import { ORG_ROLES } from "./events";

const id = z.string().min(1).max(64);

export const changeRoleSchema = z.object({ organizationId: id, userId: id, role: z.enum(ORG_ROLES) });
export const deactivateSchema = z.object({ organizationId: id, userId: id });
/** T1: granting or removing the flag needs the confirmation. */
export const coordinatorSchema = z.object({
  organizationId: id,
  userId: id,
  coordinator: z.boolean(),
  confirmed: z.literal(true),
});
