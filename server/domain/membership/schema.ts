// Membership input (issue item 1): emails are checked one by one so the error can name the bad one.
import { z } from "zod";
import { lineText } from "../text";

const id = z.string().min(1).max(64);
/** A list of emails, or what a person typed in a textarea (one per line, or separated by commas or semicolons). */
const typedEmails = z.preprocess(
  (v) => (typeof v === "string" ? splitEmails(v) : v),
  z.array(z.string().max(320)).max(50),
);
const emailList = typedEmails.default([]);

export const createDossierSchema = z.object({
  organizationId: id,
  // X7: one visible line (a title reaches email subjects).
  title: lineText(200),
  referentEmail: z.string().max(320),
  applicantEmails: emailList,
  advisorEmails: emailList,
});

export const inviteSchema = z.object({
  dossierId: id,
  side: z.enum(["applicant", "advisor"]),
  emails: typedEmails.refine((list) => list.length > 0),
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
