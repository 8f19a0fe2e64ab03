// Which Chromium the Playwright suite runs in: read by playwright.config.ts and scripts/test.mjs.
import fs from "node:fs";

// The Playwright suite runs in Debian's chromium-headless-shell: the same Chromium (Blink, V8, network
// stack) built as its headless shell, which Playwright itself uses for headless runs. It takes about a
// fifth less CPU than the full browser in headless mode on these 2-core machines (axe and CSP walks: 73
// against 95 s). Lighthouse and the screenshots keep the full browser.
export const CHROMIUM_SHELL = "/usr/bin/chromium-headless-shell";
export const CHROMIUM_FULL = "/usr/bin/chromium";

/** The suite's browser: CHROMIUM_PATH, else the headless shell when installed, else the full chromium. */
export function suiteChromium() {
  return process.env.CHROMIUM_PATH ?? (fs.existsSync(CHROMIUM_SHELL) ? CHROMIUM_SHELL : CHROMIUM_FULL);
}
