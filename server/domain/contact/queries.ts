// The contact area's Prisma selects (contacts are organization data, not dossier changes: no lock).
export const contactSelect = {
  id: true,
  organizationId: true,
  kind: true,
  name: true,
  email: true,
  phone: true,
  address: true,
} as const;
