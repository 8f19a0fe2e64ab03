// The bench's Markdown table: one row per figure, Relais beside both baselines, the ratio to bare
// Socket.IO, the target of DESIGN section 6 and whether it is met; then CPU and memory per delivered
// message; then the machine. Pure functions, unit-tested in report.test.ts.

export type TargetName = "relais" | "socketio" | "ws";
export type Values = Partial<Record<TargetName, number | null>>;

export type Figure = {
  name: string;
  values: Values;
  /** show Relais ÷ bare Socket.IO */
  ratio?: boolean;
  target?: string;
  met?: (v: Values) => boolean;
};

export type UsageRow = {
  scenario: string;
  server: string;
  per: string;
  cpuMicrosPer: number | null;
  bytesPer: number | null;
  rssMiB: number | null;
};
export type ScenarioReport = { id: string; title: string; figures: Figure[]; usage: UsageRow[] };
/** What the probe saw between the two marks of one run (summed over the target's processes). */
export type Usage = {
  cpuMicros: number;
  allocated: number;
  rss: number;
  rssDelta: number;
  heapDelta: number;
  /** the longest event-loop delay of any of the processes between the marks (no snapshot between them) */
  loopMaxMs: number;
};

export type ReportInput = {
  machine: {
    nproc: number;
    cpu: string;
    memoryGiB: number;
    node: string;
    os: string;
    date: string;
    commit: string;
    load: number[];
    loadAfter: number[];
  };
  options: { mode: "full" | "quick" | "smoke"; runs: number; server: string; db: string; only: string[] };
  scenarios: ScenarioReport[];
  failures: string[];
  seconds: number;
};

/** The median of the values that are numbers, or null when there are none. */
export function median(values: (number | null | undefined)[]): number | null {
  const a = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v)).sort((x, y) => x - y);
  if (a.length === 0) return null;
  const mid = Math.floor(a.length / 2);
  return a.length % 2 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
}

export function num(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return "–";
  const abs = Math.abs(v);
  if (abs >= 1000) return Math.round(v).toLocaleString("en");
  if (Number.isInteger(v)) return String(v);
  if (abs >= 100) return v.toFixed(0);
  if (abs >= 10) return v.toFixed(1);
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(2);
}

function ratio(f: Figure): string {
  const r = f.values.relais;
  const b = f.values.socketio;
  if (!f.ratio || r == null || b == null || b === 0) return "";
  return `${(r / b).toFixed(2)}×`;
}

/** "met", "**missed**", or "" for a figure without a target; "no figure" when Relais has none. */
export function verdict(f: Figure): string {
  if (!f.met) return "";
  if (f.values.relais == null) return "no figure";
  return f.met(f.values) ? "met" : "**missed**";
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

export function formatReport(input: ReportInput): string {
  const { machine: m, options: o } = input;
  const lines: string[] = [];
  lines.push(`# Relais bench — ${m.date.slice(0, 16).replace("T", " ")} UTC`);
  lines.push("");
  lines.push(
    `Mode **${o.mode}**${o.mode === "full" ? "" : " (small loads: checks the harness, the figures do not stand for the targets)"}, median of ${o.runs} run${o.runs > 1 ? "s" : ""} per server, Relais as \`${o.server === "full" ? "server/index.ts" : "bench/servers/relais.ts"}\` on ${o.db === "sqlite" ? "SQLite" : "PostgreSQL"} (G8: two processes on PostgreSQL and Redis). Scenarios: ${o.only.join(", ")}. Took ${Math.round(input.seconds / 60)} min.`,
  );
  lines.push("");
  lines.push(
    `Machine: ${m.nproc} cores (${m.cpu}), ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}, ${m.os}, commit ${m.commit || "?"}; load average ${m.load.map((x) => x.toFixed(2)).join(" / ")} before and ${m.loadAfter.map((x) => x.toFixed(2)).join(" / ")} after (1, 5, 15 min).`,
  );
  lines.push("");
  lines.push("| # | scenario | figure | Relais | bare Socket.IO | bare ws | Relais ÷ Socket.IO | target | met |");
  lines.push("|---|---|---|---:|---:|---:|---:|---|---|");
  for (const s of input.scenarios) {
    s.figures.forEach((f, i) => {
      lines.push(
        `| ${i === 0 ? s.id : ""} | ${i === 0 ? cell(s.title) : ""} | ${cell(f.name)} | ${num(f.values.relais)} | ${num(f.values.socketio)} | ${num(f.values.ws)} | ${ratio(f)} | ${cell(f.target ?? "")} | ${verdict(f)} |`,
      );
    });
  }
  const usage = input.scenarios.flatMap((s) => s.usage);
  if (usage.length) {
    lines.push("");
    lines.push(
      "CPU and memory of the server process(es) during the measured window, per message delivered to a viewer (G5: per stored message). Bytes allocated are a lower bound (JS heap growth sampled every 10 ms).",
    );
    lines.push("");
    lines.push("| # | server | per | CPU (µs) | allocated (bytes) | RSS at the end (MiB) |");
    lines.push("|---|---|---|---:|---:|---:|");
    for (const u of usage)
      lines.push(
        `| ${u.scenario} | ${u.server} | ${cell(u.per)} | ${num(u.cpuMicrosPer)} | ${num(u.bytesPer)} | ${num(u.rssMiB)} |`,
      );
  }
  const missed = input.scenarios.flatMap((s) =>
    s.figures.filter((f) => verdict(f) === "**missed**").map((f) => `${s.id} ${f.name}`),
  );
  lines.push("");
  lines.push(`Targets missed: ${missed.length ? missed.join("; ") : "none"}.`);
  if (input.failures.length) {
    lines.push("");
    lines.push("Scenarios that did not complete:");
    for (const f of input.failures) lines.push(`- ${cell(f.split("\n")[0]).slice(0, 300)}`);
  }
  lines.push("");
  return lines.join("\n");
}
