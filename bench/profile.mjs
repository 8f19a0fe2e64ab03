// Summarises a V8 CPU profile (from `npm run bench -- --profile`): where the server's CPU time went,
// by package or source area and by function (self time).
// Usage: node bench/profile.mjs <file.cpuprofile> [--timeline] [--from <ms> --to <ms>]
// A server's profile covers its whole life (start-up, set-up, warm-up, every run): --timeline prints
// how busy the thread was in each 200 ms from the profile's start, to find a measured window, and
// --from/--to summarise that window only.
import fs from "node:fs";
import { parseArgs } from "node:util";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { timeline: { type: "boolean" }, from: { type: "string" }, to: { type: "string" } },
});
const file = positionals[0];
if (!file) {
  console.error("usage: node bench/profile.mjs <file.cpuprofile> [--timeline] [--from <ms> --to <ms>]");
  process.exit(1);
}
const p = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
// Each sample's time from the profile's start, in ms.
let elapsed = 0;
const at = p.timeDeltas.map((d) => (elapsed += d) / 1000);
const isIdle = (id) => byId.get(id).callFrame.functionName === "(idle)";

if (values.timeline) {
  const buckets = new Map();
  p.samples.forEach((id, i) => {
    const b = Math.floor(at[i] / 200);
    const [busy, all] = buckets.get(b) ?? [0, 0];
    buckets.set(b, [busy + (isIdle(id) ? 0 : p.timeDeltas[i]), all + p.timeDeltas[i]]);
  });
  for (const [b, [busy, all]] of [...buckets].sort((x, y) => x[0] - y[0]))
    console.log(
      `${String(b * 200).padStart(7)} ms  ${String(Math.round((100 * busy) / (all || 1))).padStart(3)} % busy`,
    );
  process.exit(0);
}

const from = Number(values.from ?? -Infinity);
const to = Number(values.to ?? Infinity);
const self = new Map();
p.samples.forEach((id, i) => {
  if (at[i] >= from && at[i] <= to) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
});

function area(url) {
  if (!url) return "(native, GC, idle)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes("/server/db/generated/")) return "prisma generated client";
  const m = /\/(server\/[^/]+(?:\/[^/]+)?)\//.exec(url);
  if (m) return m[1];
  if (url.startsWith("node:")) return "node core";
  return url
    .replace(/^file:\/\//, "")
    .split("/")
    .slice(-2)
    .join("/");
}

const areas = new Map();
const fns = new Map();
let total = 0;
let idle = 0;
for (const [id, t] of self) {
  const n = byId.get(id);
  const name = n.callFrame.functionName || "(anonymous)";
  if (name === "(idle)") {
    idle += t;
    continue;
  }
  total += t;
  const a = name === "(garbage collector)" ? "(garbage collector)" : area(n.callFrame.url);
  areas.set(a, (areas.get(a) ?? 0) + t);
  const k = `${name} — ${a}`;
  fns.set(k, (fns.get(k) ?? 0) + t);
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
console.log(`${file}\nbusy ${(total / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s\n\nby area (self time):`);
for (const [k, t] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(t)}  ${k}`);
console.log("\nby function (self time):");
for (const [k, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(t)}  ${k}`);
