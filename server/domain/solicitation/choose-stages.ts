// S3, A5 (issue 16 item 2): the advisor side chooses, per solicitation, at which stages of the
// instruction its partner sees and edits the dossier (by default the template's, or the built-in
// statuses). A choice that takes the dossier away from the partner cuts their sockets; one that makes
// their open page read-only (or editable again) tells it to refetch, live.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { db } from "../../db";
import { fail, type Result } from "../../errors";
import { changeDossier } from "../dossier/change";
import { authorizeFor } from "../dossier/policy";
import { partnersAccessChanged } from "../partner/access";
import { DOSSIER_TEMPLATE_STATUSES } from "../template/queries";
import { statusesOf } from "../template/statuses";
import { SOLICITATION_STAGES, type SolicitationEventPayload } from "./events";
import { SET_PARTNER_STAGES } from "./queries";
import { partnerStagesOf, partnerStagesSchema, stageFor } from "./stages";

export const chooseStagesSchema = z.object({
  solicitationId: z.string().min(1).max(64),
  /** null: back to the template's */
  stages: partnerStagesSchema.nullable(),
});

/** One row per status of the dossier: what the partner may do there, and whether it is this solicitation's own choice. */
export type StageRow = { key: string; label: string; visible: boolean; editable: boolean; own: boolean };

export function stageRows(
  templateStatuses: string | null | undefined,
  stagesJson: string | null | undefined,
): StageRow[] {
  const own = partnerStagesOf(stagesJson);
  return statusesOf(templateStatuses).map((s) => ({
    key: s.key,
    label: s.label,
    ...stageFor(s.key, templateStatuses, stagesJson),
    own: Boolean(own?.[s.key]),
  }));
}

export async function choosePartnerStages(
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<Result<{ solicitationId: string }>> {
  const parsed = chooseStagesSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", actor.locale);
  const { solicitationId, stages } = parsed.data;
  const s = await db().solicitation.findUnique({ where: { id: solicitationId }, select: { dossierId: true } });
  if (!s) return fail("not_found", actor.locale);
  return changeDossier(
    { dossierId: s.dossierId, actor, now, authorize: authorizeFor(actor, "solicitation.create") },
    async (ctx) => {
      // Editing needs seeing; statuses the dossier does not have are refused.
      const clean = stages
        ? Object.fromEntries(
            Object.entries(stages).map(([k, v]) => [k, { visible: v.visible, editable: v.visible && v.editable }]),
          )
        : null;
      const row = await ctx.q.get<{ scope: string }>(SET_PARTNER_STAGES, [
        clean ? JSON.stringify(clean) : null,
        solicitationId,
        ctx.dossierId,
      ]);
      if (!row) return ctx.refuse("not_found");
      const d = await ctx.q.get<{ statuses: string | null }>(DOSSIER_TEMPLATE_STATUSES, [ctx.dossierId]);
      const known = new Set(statusesOf(d?.statuses).map((x) => x.key));
      if (clean && Object.keys(clean).some((k) => !known.has(k))) return ctx.refuse("invalid");
      const payload: SolicitationEventPayload = { solicitationId, scope: row.scope, byName: actor.name };
      await ctx.emit(SOLICITATION_STAGES, payload, { audience: "advisors" });
      await partnersAccessChanged(ctx);
      return { solicitationId };
    },
  );
}
