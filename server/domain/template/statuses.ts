// Workflow statuses and what they allow partners (S3, A5). A dossier without a template uses the
// built-in statuses below; a template replaces them with its own list.
import { z } from "zod";

export const workflowStatusSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,40}$/),
  label: z.string().trim().min(1).max(80),
  partnerVisible: z.boolean(),
  partnerEditable: z.boolean(),
});
export type WorkflowStatus = z.infer<typeof workflowStatusSchema>;

/** Built-in statuses: partners see and answer while open, read while under review, nothing once closed. */
export const BUILT_IN_STATUSES: WorkflowStatus[] = [
  { key: "open", label: "En cours", partnerVisible: true, partnerEditable: true },
  { key: "review", label: "En instruction", partnerVisible: true, partnerEditable: false },
  { key: "closed", label: "Clôturé", partnerVisible: false, partnerEditable: false },
];

/** The statuses of a template's JSON column, or the built-in ones when absent or unreadable. */
export function statusesOf(json: string | null | undefined): WorkflowStatus[] {
  if (!json) return BUILT_IN_STATUSES;
  try {
    const parsed = z.array(workflowStatusSchema).min(1).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : BUILT_IN_STATUSES;
  } catch {
    return BUILT_IN_STATUSES;
  }
}

/**
 * What the dossier's current status allows partners. An unknown status (a template changed under a
 * dossier) allows nothing: hiding is the safe side (A5).
 */
export function partnerStatus(
  statusKey: string,
  templateStatuses: string | null | undefined,
): { visible: boolean; editable: boolean; status: WorkflowStatus | null } {
  const status = statusesOf(templateStatuses).find((s) => s.key === statusKey) ?? null;
  if (!status) return { visible: false, editable: false, status: null };
  return { visible: status.partnerVisible, editable: status.partnerVisible && status.partnerEditable, status };
}
