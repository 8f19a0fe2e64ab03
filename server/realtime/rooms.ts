// Room names, made in one place (section 5).
export const rooms = {
  dossier: (dossierId: string) => `dossier:${dossierId}`,
  dossierAdvisors: (dossierId: string) => `dossier:${dossierId}:advisors`,
  /** A5: partners of the dossier, joined through partnerAccess; receives partner-audience events only */
  dossierPartners: (dossierId: string) => `dossier:${dossierId}:partners`,
  dashboard: (organizationId: string) => `org:${organizationId}:dashboard`,
  user: (userId: string) => `user:${userId}`,
  /** D1: the user's sockets with a dashboard open ("dashboard:watch"): where "dashboard:changed" goes */
  userDashboard: (userId: string) => `user:${userId}:dashboard`,
  /** X1: the sockets of one session (cut when it ends) */
  session: (sessionId: string) => `session:${sessionId}`,
};

/** The rooms a socket joins while a dashboard is open: its user's and its organizations' staff rooms. */
export function isDashboardRoom(room: string): boolean {
  return (room.startsWith("org:") || room.startsWith("user:")) && room.endsWith(":dashboard");
}

/**
 * The rooms an event of this audience goes to. Partner-audience events go to the partners' room and
 * to the advisor side (which sees every seq); partners never receive "all" or "advisors" events.
 */
export function roomsForAudience(dossierId: string, audience: string): string[] {
  if (audience === "advisors") return [rooms.dossierAdvisors(dossierId)];
  if (audience === "partners") return [rooms.dossierPartners(dossierId), rooms.dossierAdvisors(dossierId)];
  return [rooms.dossier(dossierId)];
}
