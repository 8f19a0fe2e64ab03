// After `next build`: marks the framework's scripts, which every page runs on load (React, Next's router,
// the Turbopack runtime: the build manifest's rootMainFiles), for eager compilation with V8's explicit
// compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136 and later; other browsers read a comment).
// Without it V8 compiles each function lazily on the main thread the first time it runs: 57 ms of a
// dossier page's load on this machine, unthrottled, before hydration could finish. With it Chrome
// compiles those scripts on a background thread while they stream in (issue 17, docs/lighthouse.md).
// The app's own chunks are left lazy: only part of their code runs on any one page.
import fs from "node:fs";
import path from "node:path";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/** Prepends the hint to the build's rootMainFiles (once); returns the files it marked. */
export function addCompileHints(distDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "build-manifest.json"), "utf8"));
  const marked = [];
  for (const file of manifest.rootMainFiles ?? []) {
    const full = path.join(distDir, file);
    const text = fs.readFileSync(full, "utf8");
    if (text.startsWith(COMPILE_HINT)) continue;
    fs.writeFileSync(full, COMPILE_HINT + text);
    marked.push(file);
  }
  return marked;
}
