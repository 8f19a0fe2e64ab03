// S3, A5, issue 16: at which stages of the instruction each partner sees and edits the dossier. By
// default a solicitation follows its dossier's statuses (the template's, or the built-in ones); the
// advisor may choose other stages for one solicitation. An unknown status allows nothing (A5).
import { z } from "zod";
import { partnerStatus } from "../template/statuses";

export type Stage = { visible: boolean; editable: boolean };

const stageSchema = z.object({ visible: z.boolean(), editable: z.boolean() });
/** The stored choice: statusKey → what the partner may do at that status. */
export const partnerStagesSchema = z.record(z.string().regex(/^[a-z0-9_-]{1,40}$/), stageSchema);
export type PartnerStages = z.infer<typeof partnerStagesSchema>;

/** The solicitation's own stages, or null when it follows the template's. */
export function partnerStagesOf(json: string | null | undefined): PartnerStages | null {
  if (!json) return null;
  try {
    const r = partnerStagesSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/**
 * What one solicitation's partner may do at the dossier's current status: the solicitation's own
 * choice for that status when it has one, else the template's flags. Editing needs seeing.
 */
export function stageFor(
  statusKey: string,
  templateStatuses: string | null | undefined,
  stagesJson: string | null | undefined,
): Stage {
  const base = partnerStatus(statusKey, templateStatuses);
  if (!base.status) return { visible: false, editable: false };
  const own = partnerStagesOf(stagesJson)?.[statusKey];
  if (!own) return { visible: base.visible, editable: base.editable };
  return { visible: own.visible, editable: own.visible && own.editable };
}
