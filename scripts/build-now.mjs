// Builds the app now when its sources changed (what npm test does before Playwright): for a developer
// who runs Playwright alone (NEXT_DIST_DIR=… E2E_PORT=… node scripts/build-now.mjs && npx playwright test).
import { ensureBuild } from "./lib.mjs";

ensureBuild();
