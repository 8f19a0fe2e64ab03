#!/usr/bin/env node
// npm run lighthouse (not part of npm test): builds when stale, starts Relais on its own port with fresh
// demo data plus a 10,000-message dossier, and runs Lighthouse 12 (fetched on demand by npx, not a
// dependency) in Debian's Chromium on the login page, the dashboard, a dossier, the 10,000-message
// dossier and the settings page, desktop and mobile, three times each (`--runs N`), and keeps the median
// run. Writes the table to docs/lighthouse.md and into README.md between the lighthouse markers.
// The table's last rows are the floor, measured in the same run: a bare Next.js page built with the same
// next and react (no client component, no stylesheet, no data). Lighthouse's mobile score is a
// simulation scaled on this machine's CPU, so Relais's pages are read against what the framework alone
// scores here.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { URLSearchParams } from "node:url";
import path from "node:path";
import { CHROMIUM_FULL } from "./chromium.mjs";
import {
  ensureBuild,
  ensureDependencies,
  ensurePrismaClients,
  root,
  startDemoServer,
  startServer,
  tsxArgs,
} from "./lib.mjs";

const LIGHTHOUSE = "lighthouse@12.8.2";
const chromium = process.env.CHROMIUM_PATH ?? CHROMIUM_FULL;
const port = process.env.LIGHTHOUSE_PORT ?? "3191";
const floorPort = String(Number(port) + 1);
const base = `http://localhost:${port}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "relais-lighthouse-"));
// `--only settings` (a part of the page's name, any case) and `--device mobile` run a part of the table,
// for checking one page while working on it: the table is printed, docs/ and README are left as they are.
const option = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]?.toLowerCase() : undefined;
};
const only = option("only");
const includes = (name) => !only || name.toLowerCase().includes(only);
const onlyDevice = option("device");
// Lighthouse's score of one page swings by several points from one run to the next on the same build
// (its own docs advise the median of several runs): each row is the median run of `--runs` (default 3),
// by performance score, with every run's score beside it.
const runs = Math.max(1, Number(option("runs") ?? 3));
const partial = Boolean(only || onlyDevice);

ensureDependencies();
await ensurePrismaClients();
ensureBuild();
const floor = includes("floor") ? startFloor() : null;
const { stop, ready: waitUp } = startDemoServer(port);
process.on("SIGINT", () => process.exit(130));

/**
 * Builds and starts the floor: one server-rendered page, its own Next.js app under data/ (ignored by git,
 * tsc, eslint and prettier) resolving the project's own next and react.
 */
function startFloor() {
  const dir = path.join(root, "data", "lighthouse-floor");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "app"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "app", "layout.jsx"),
    `export const metadata = { title: "Floor", description: "A bare Next.js page", icons: { icon: "data:," } };
export default function RootLayout({ children }) {
  return <html lang="fr"><body>{children}</body></html>;
}
`,
  );
  fs.writeFileSync(
    path.join(dir, "app", "page.jsx"),
    `export const dynamic = "force-dynamic";
export default function Page() {
  return <main><h1>Bonjour</h1><p>Une page Next.js nue : ni composant client, ni feuille de style, ni données.</p></main>;
}
`,
  );
  fs.writeFileSync(
    path.join(dir, "next.config.mjs"),
    `export default { turbopack: { root: ${JSON.stringify(root)} } };\n`,
  );
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  process.stdout.write("▶ Building the floor (a bare Next.js page)\n");
  execFileSync(process.execPath, [next, "build", dir], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, NEXT_DIST_DIR: "" },
  });
  const base = `http://localhost:${floorPort}`;
  const server = startServer([next, "start", dir, "-p", floorPort], {
    stdio: "ignore",
    readyUrl: base,
    name: "The floor",
  });
  return { base, ...server };
}

/**
 * fetch, once more when the connection was closed under it: the server ends an idle keep-alive socket
 * after 5 s, and the 10,000-message seeding leaves the one from ready() idle longer than that (seen once:
 * "other side closed").
 */
async function fetchAgain(url, init) {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

/** Signs in through the demo provider like a browser would; returns the Cookie header of the session. */
async function sessionCookie(email) {
  const csrfRes = await fetchAgain(`${base}/api/auth/csrf`);
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${base}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, json: "true", callbackUrl: "/dashboard" }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`demo sign-in failed for ${email}`);
  return session;
}

function dossierId(title) {
  const info = JSON.parse(fs.readFileSync(path.join(root, "data", `e2e-${port}.json`), "utf8"));
  const out = execFileSync(
    process.execPath,
    [
      "-e",
      `const D=require("better-sqlite3");const db=new D(${JSON.stringify(info.file)});` +
        `process.stdout.write(db.prepare("SELECT id FROM Dossier WHERE title = ?").get(${JSON.stringify(title)}).id)`,
    ],
    { cwd: root },
  );
  return out.toString();
}

function lighthouse(url, device, cookie, run = 1) {
  const report = path.join(work, `${device}-${url.replace(/\W+/g, "_")}-${run}.json`);
  const args = [
    "--yes",
    LIGHTHOUSE,
    url,
    `--chrome-path=${chromium}`,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    "--only-categories=performance,accessibility,best-practices,seo",
    "--output=json",
    `--output-path=${report}`,
    "--quiet",
    "--disable-full-page-screenshot",
    ...(device === "desktop" ? ["--preset=desktop"] : []),
  ];
  if (cookie) {
    const headers = path.join(work, "headers.json");
    fs.writeFileSync(headers, JSON.stringify({ Cookie: cookie }));
    args.push(`--extra-headers=${headers}`);
  }
  // Lighthouse itself asks to be run again when its trace recording fails (NO_NAVSTART; seen twice in a
  // row once, back to back runs): up to three more times, a few seconds apart.
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync("npx", args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
      break;
    } catch (e) {
      if (attempt >= 4) throw e;
      process.stdout.write(`  Lighthouse failed on ${url}; running it again\n`);
      execFileSync("sleep", ["3"]);
    }
  }
  const lhr = JSON.parse(fs.readFileSync(report, "utf8"));
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative")
    .filter((a) => a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable")
    .map((a) => a.id);
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    lcp: lhr.audits["largest-contentful-paint"]?.displayValue ?? "",
    tbt: lhr.audits["total-blocking-time"]?.displayValue ?? "",
    cls: lhr.audits["cumulative-layout-shift"]?.displayValue ?? "",
    failing,
    version: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent ?? "",
    // Lighthouse's own measure of the host's speed (higher is faster); its 4× slowdown assumes a fast
    // desktop, so a low index on a busy shared machine means slower "phones" (and lower scores).
    benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? 0),
  };
}

const rows = [];
try {
  await waitUp();
  process.stdout.write("▶ Seeding the 10,000-message dossier\n");
  const info = JSON.parse(fs.readFileSync(path.join(root, "data", `e2e-${port}.json`), "utf8"));
  const big = execFileSync(process.execPath, tsxArgs("scripts/lighthouse-seed.ts"), {
    cwd: root,
    env: { ...process.env, DATABASE_URL: info.databaseUrl, LOG_LEVEL: "warn" },
  })
    .toString()
    .trim()
    .split("\n")
    .at(-1);
  const adele = await sessionCookie("adele.conseil@nord.test");
  const pages = [
    { name: "Login", path: "/login", cookie: null },
    { name: "Dashboard (advisor)", path: "/dashboard", cookie: adele },
    {
      name: "Dossier, conversation",
      path: `/dossiers/${dossierId("Rénovation de l'école Jules Ferry")}`,
      cookie: adele,
    },
    { name: "Dossier, 10,000 messages", path: `/dossiers/${big}`, cookie: adele },
    { name: "Settings", path: "/settings/conversations", cookie: adele },
  ];
  if (floor) {
    await floor.ready();
    pages.push({ name: "Floor: a bare Next.js page", path: "/", cookie: null, base: floor.base });
  }
  for (const p of pages.filter((q) => includes(q.name)))
    for (const device of ["desktop", "mobile"].filter((d) => !onlyDevice || d === onlyDevice)) {
      const results = [];
      for (let run = 1; run <= runs; run++) {
        process.stdout.write(`▶ Lighthouse ${device} ${p.base ?? base}${p.path} (run ${run} of ${runs})\n`);
        results.push(lighthouse(`${p.base ?? base}${p.path}`, device, p.cookie, run));
      }
      const sorted = [...results].sort((a, b) => a.performance - b.performance);
      const median = sorted[Math.floor((sorted.length - 1) / 2)];
      rows.push({ page: p.name, device, ...median, all: results.map((r) => r.performance) });
    }
} finally {
  stop();
  floor?.stop();
}

const when = new Date().toISOString().slice(0, 16).replace("T", " ");
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
const table = [
  "| page | device | performance | every run | accessibility | best practices | SEO | LCP | TBT | CLS | host index |",
  "|---|---|---|---|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.page} | ${r.device} | ${r.performance} | ${r.all.join(", ")} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${r.lcp} | ${r.tbt} | ${r.cls} | ${r.benchmarkIndex} |`,
  ),
].join("\n");
const summary = `Lighthouse ${rows[0]?.version ?? "?"} in ${rows[0]?.userAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)?.[0] ?? "Chromium"}, production build, ${when} UTC, commit ${commit}, ${os.cpus().length} cores (${os.loadavg()[0].toFixed(1)} load when it finished). Desktop: Lighthouse's desktop preset; mobile: its default (emulated phone, simulated slow 4G and 4× CPU slowdown). Each row is the median of ${runs} run${runs > 1 ? "s" : ""} by performance score (every run's score beside it; the other columns are the median run's). Signed in as Adèle (advisor) except the login page. The floor rows are a bare Next.js page (same next and react, no client component, no stylesheet) built and measured in the same run: what the framework alone scores on this machine. "Host index" is Lighthouse's benchmarkIndex of this machine during the median run (higher is faster).`;
const failing = rows
  .filter((r) => r.failing.length)
  .map((r) => `- ${r.page}, ${r.device}: ${r.failing.join(", ")}`)
  .join("\n");
if (partial) {
  console.log(
    `${table}\n\n${failing || "- no audit under 0.9"}\n\nreports in ${work}; docs/ and README left as they are`,
  );
  process.exit(0);
}
fs.writeFileSync(
  path.join(root, "docs", "lighthouse.md"),
  `# Lighthouse\n\nWritten by \`npm run lighthouse\` (scripts/lighthouse.mjs); not part of \`npm test\`.\n\n${summary}\n\n${table}\n\n` +
    `Audits scoring under 0.9 (what to look at next):\n\n${failing || "- none"}\n`,
);
const readme = path.join(root, "README.md");
const text = fs.readFileSync(readme, "utf8");
const start = "<!-- lighthouse:start -->";
const end = "<!-- lighthouse:end -->";
if (text.includes(start) && text.includes(end)) {
  const before = text.slice(0, text.indexOf(start) + start.length);
  const after = text.slice(text.indexOf(end));
  fs.writeFileSync(readme, `${before}\n${summary}\n\n${table}\n${after}`);
}
console.log(`${table}\n\nwritten to docs/lighthouse.md and README.md`);
