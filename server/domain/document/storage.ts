// Documents on local disk under UPLOAD_DIR, by a random name: the user's name never reaches the file
// system, so no path trick or name clash is possible.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "../../env";
import { logger } from "../../logger";

const KEY = /^[a-f0-9]{32}$/;

function pathOf(key: string): string {
  if (!KEY.test(key)) throw new Error("bad storage key");
  return path.join(env().UPLOAD_DIR, key);
}

/** Writes the bytes under a fresh random name and returns that name. */
export async function storeFile(bytes: Buffer): Promise<string> {
  const key = crypto.randomBytes(16).toString("hex");
  await fs.mkdir(env().UPLOAD_DIR, { recursive: true });
  await fs.writeFile(pathOf(key), bytes, { flag: "wx", mode: 0o600 });
  return key;
}

export async function removeFile(key: string): Promise<void> {
  try {
    await fs.rm(pathOf(key), { force: true });
  } catch (e) {
    logger.error("could not remove an uploaded file", { key, error: String(e) });
  }
}

export async function readFile(key: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(pathOf(key));
  } catch (e) {
    logger.error("document file missing", { key, error: String(e) });
    return null;
  }
}
