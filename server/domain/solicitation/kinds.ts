// Solicitation kinds and scope presets (S1), without zod so that browser code can import them (zod in a
// browser bundle probes for eval, which our CSP refuses).
export const SOLICITATION_KINDS = ["opinion", "supplement", "both", "on_behalf"] as const;
export type SolicitationKind = (typeof SOLICITATION_KINDS)[number];
/** Scopes offered in the form; any other free text is accepted too (S1). */
export const SCOPE_PRESETS = ["financial", "legal", "technical"] as const;
