/** Whether this run is CI's (`CI=true` or `CI=1`): there, tests that need a service or a build must not skip. */
export const inCI = process.env.CI === "true" || process.env.CI === "1";
