// S12 and S6 settings: an organization's directory of approved external partners, whether asking is
// restricted to it, and the automatic reminder delays. Kept by the organization's admins only.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db, isUniqueViolation } from "../../db";
import { fail, ok, type Result } from "../../errors";
import { isOrganizationAdmin } from "../template/policy";

const id = z.string().min(1).max(64);
const addSchema = z.object({
  organizationId: id,
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  name: z.string().trim().max(120).optional(),
});
const removeSchema = z.object({ organizationId: id, approvedPartnerId: id });
const settingsSchema = z.object({
  organizationId: id,
  directoryOnly: z.boolean(),
  daysBefore: z.number().int().min(0).max(60),
  daysAfter: z.number().int().min(0).max(60),
});

export async function partnerDirectory(actor: Actor, organizationId: string) {
  if (!(await isOrganizationAdmin(actor, organizationId))) return null;
  const [org, partners] = await Promise.all([
    db().organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { partnerDirectoryOnly: true, partnerReminderDaysBefore: true, partnerReminderDaysAfter: true },
    }),
    db().approvedPartner.findMany({
      where: { organizationId },
      orderBy: { email: "asc" },
      select: { id: true, email: true, name: true },
    }),
  ]);
  return {
    directoryOnly: org.partnerDirectoryOnly,
    daysBefore: org.partnerReminderDaysBefore,
    daysAfter: org.partnerReminderDaysAfter,
    partners,
  };
}

export async function addApprovedPartner(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const parsed = addSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  if (!(await isOrganizationAdmin(actor, parsed.data.organizationId))) return fail("not_found", actor.locale);
  try {
    const row = await db().approvedPartner.create({
      data: { organizationId: parsed.data.organizationId, email: parsed.data.email, name: parsed.data.name || null },
      select: { id: true },
    });
    return ok({ id: row.id });
  } catch (e) {
    if (isUniqueViolation(e)) return fail("conflict", actor.locale);
    throw e;
  }
}

export async function removeApprovedPartner(actor: Actor, raw: unknown): Promise<Result<{ removed: boolean }>> {
  const parsed = removeSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  if (!(await isOrganizationAdmin(actor, parsed.data.organizationId))) return fail("not_found", actor.locale);
  const gone = await db().approvedPartner.deleteMany({
    where: { id: parsed.data.approvedPartnerId, organizationId: parsed.data.organizationId },
  });
  return gone.count ? ok({ removed: true }) : fail("not_found", actor.locale);
}

export async function savePartnerSettings(actor: Actor, raw: unknown): Promise<Result<{ saved: true }>> {
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { organizationId, directoryOnly, daysBefore, daysAfter } = parsed.data;
  if (!(await isOrganizationAdmin(actor, organizationId))) return fail("not_found", actor.locale);
  await db().organization.update({
    where: { id: organizationId },
    data: {
      partnerDirectoryOnly: directoryOnly,
      partnerReminderDaysBefore: daysBefore,
      partnerReminderDaysAfter: daysAfter,
    },
  });
  return ok({ saved: true });
}
