// Issue 17: the framework's scripts carry V8's explicit compile hint, so Chrome compiles them on a
// background thread instead of function by function on the main thread during hydration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inCI } from "../server/test/ci";
import { addCompileHints, COMPILE_HINT } from "./compile-hints.mjs";

const root = path.resolve(import.meta.dirname, "..");
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
// npm test builds before vitest runs; a developer's plain `vitest` may have no build yet.
const built = fs.existsSync(path.join(distDir, "BUILD_ID"));

describe("compile hints", () => {
  it("marks the manifest's rootMainFiles once, at the very start, and leaves other chunks alone", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "relais-hints-"));
    fs.mkdirSync(path.join(dir, "static", "chunks"), { recursive: true });
    const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, "static", "chunks", name), text);
    const read = (name: string) => fs.readFileSync(path.join(dir, "static", "chunks", name), "utf8");
    write("react.js", "(()=>{})();");
    write("runtime.js", "let a=1;");
    write("page.js", "let b=2;");
    fs.writeFileSync(
      path.join(dir, "build-manifest.json"),
      JSON.stringify({ rootMainFiles: ["static/chunks/react.js", "static/chunks/runtime.js"] }),
    );

    expect(addCompileHints(dir)).toEqual(["static/chunks/react.js", "static/chunks/runtime.js"]);
    expect(read("react.js")).toBe(`${COMPILE_HINT}(()=>{})();`);
    expect(read("runtime.js")).toBe(`${COMPILE_HINT}let a=1;`);
    expect(read("page.js")).toBe("let b=2;");
    // A second pass (npm start after npm test on the same build) adds nothing.
    expect(addCompileHints(dir)).toEqual([]);
    expect(read("react.js")).toBe(`${COMPILE_HINT}(()=>{})();`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!built && !inCI)("the production build's framework scripts start with the hint", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as {
      rootMainFiles: string[];
    };
    expect(manifest.rootMainFiles.length).toBeGreaterThan(0);
    for (const file of manifest.rootMainFiles)
      expect(fs.readFileSync(path.join(distDir, file), "utf8").startsWith(COMPILE_HINT), file).toBe(true);
  });
});
