// The email frequencies (N1), without zod so that browser code can import them (zod in a browser bundle
// probes for eval, which our CSP refuses: a console error and a Chrome "Content security policy" issue).
export const FREQUENCIES = ["immediately", "daily", "weekly", "never"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const DEFAULT_FREQUENCY: Frequency = "immediately";
