// Who may do what with recommendations (section 2): the advisor side and staff create and edit them,
// every member of both sides and staff moves their status. Anyone else gets null (404). Asked under the
// dossier's lock by change.ts.
import type { Actor } from "../../auth/actor";
import { authorizeFor } from "../dossier/policy";

export const mayEditRecommendations = (actor: Pick<Actor, "userId">) => authorizeFor(actor, "recommendation.create");

export const mayMoveRecommendationStatus = (actor: Pick<Actor, "userId">) =>
  authorizeFor(actor, "recommendation.status");
