import { existsSync } from "node:fs";
import { resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..");

/**
 * The shared corpus of real Fedora logs, next to the project checkout (`../shared/corpus`), or
 * where SIGMEET_CORPUS points. Tests that need it fail loudly when it is missing.
 */
export const CORPUS = resolve(process.env["SIGMEET_CORPUS"] ?? resolve(repo, "../shared/corpus"));

/** The two whole mote meetings, copied into the repository byte for byte. */
export const MOTE = resolve(repo, "test/fixtures/mote");

export function requireCorpus(): string {
  if (!existsSync(resolve(CORPUS, "manifest.json"))) {
    throw new Error(
      `the shared corpus is missing: no manifest.json in ${CORPUS} (set SIGMEET_CORPUS)`,
    );
  }
  return CORPUS;
}
