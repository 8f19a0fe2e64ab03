// Room names, made in one place (section 5).
export const rooms = {
  dossier: (dossierId: string) => `dossier:${dossierId}`,
  dossierAdvisors: (dossierId: string) => `dossier:${dossierId}:advisors`,
  dashboard: (organizationId: string) => `org:${organizationId}:dashboard`,
  user: (userId: string) => `user:${userId}`,
};

/** The room an event of this audience goes to. */
export function roomForAudience(dossierId: string, audience: string): string {
  return audience === "advisors" ? rooms.dossierAdvisors(dossierId) : rooms.dossier(dossierId);
}
