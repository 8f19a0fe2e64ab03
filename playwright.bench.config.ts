// The bench harness's smoke test (e2e/bench): no browser and no app server of its own to share, only the
// bench's processes. npm test runs it beside vitest, where the cores are otherwise waiting on
// PostgreSQL and sockets; `npx playwright test -c playwright.bench.config.ts` runs it alone.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e/bench",
  timeout: 600_000,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-bench.json" }]],
  outputDir: "test-results/e2e-bench",
});
