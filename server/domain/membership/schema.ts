// Membership input (issue item 1): emails are checked one by one so the error can name the bad one.
import { z } from "zod";

const id = z.string().min(1).max(64);
const emailList = z.array(z.string().max(320)).max(50).default([]);

export const createDossierSchema = z.object({
  organizationId: id,
  title: z.string().trim().min(1).max(200),
  referentEmail: z.string().max(320),
  applicantEmails: emailList,
  advisorEmails: emailList,
});

export const inviteSchema = z.object({
  dossierId: id,
  side: z.enum(["applicant", "advisor"]),
  emails: z.array(z.string().max(320)).min(1).max(50),
});

export const removeMemberSchema = z.object({ dossierId: id, userId: id });
export const leaveSchema = z.object({ dossierId: id });

const emailSchema = z.email();

/** Normalized (trimmed, lower-case) emails, or the first invalid one. */
export function normalizeEmails(list: string[]): { ok: true; emails: string[] } | { ok: false; invalid: string } {
  const out: string[] = [];
  for (const raw of list) {
    const e = raw.trim().toLowerCase();
    if (!emailSchema.safeParse(e).success) return { ok: false, invalid: raw.trim() || raw };
    if (!out.includes(e)) out.push(e);
  }
  return { ok: true, emails: out };
}

/** Splits what a person typed in a textarea: one per line, or separated by commas or semicolons. */
export function splitEmails(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}
