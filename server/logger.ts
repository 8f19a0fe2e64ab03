// One logger: JSON lines in production, short readable lines otherwise.
import { env } from "./env";

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  const e = env();
  if (levels[level] < levels[e.LOG_LEVEL]) return;
  const out = level === "error" || level === "warn" ? process.stderr : process.stdout;
  if (e.NODE_ENV === "production") {
    out.write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }) + "\n");
  } else {
    out.write(`${level.padEnd(5)} ${msg}${fields ? " " + JSON.stringify(fields) : ""}\n`);
  }
}

export const logger = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
