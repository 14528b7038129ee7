import { readFileSync } from "node:fs";
import { readSecret } from "./read-secret.ts";
import type { TrackerConfig } from "./tracker-schema.ts";

/**
 * The token of the tracker at `trackers[index]`, from its environment variable or file. Errors name
 * the config key and the variable or file, never the token itself.
 */
export function resolveToken(
  tracker: TrackerConfig,
  index: number,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): string {
  return readSecret(
    { env: tracker.tokenEnv, file: tracker.tokenFile },
    { env: `trackers.${String(index)}.tokenEnv`, file: `trackers.${String(index)}.tokenFile` },
    env,
    readFile,
  );
}
