// Template field sections and partner modes (S8), without zod so that browser code can import them (zod
// in a browser bundle probes for eval, which our CSP refuses).
export const FIELD_SECTIONS = ["applicant", "internal", "partner"] as const;
export type FieldSection = (typeof FIELD_SECTIONS)[number];

export const PARTNER_MODES = ["hidden", "read", "edit"] as const;
export type PartnerMode = (typeof PARTNER_MODES)[number];
