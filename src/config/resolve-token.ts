import { readFileSync } from "node:fs";
import { ConfigError } from "./load-config.ts";
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
  if (tracker.tokenEnv !== undefined) {
    const value = env[tracker.tokenEnv]?.trim() ?? "";
    if (value === "") {
      throw new ConfigError(
        `trackers.${index}.tokenEnv: environment variable ${tracker.tokenEnv} is not set or empty`,
      );
    }
    return value;
  }
  const path = tracker.tokenFile ?? "";
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(`trackers.${index}.tokenFile: cannot read ${path} (${reason})`, {
      cause: err,
    });
  }
  const token = text.split("\n", 1)[0]?.trim() ?? "";
  if (token === "") throw new ConfigError(`trackers.${index}.tokenFile: ${path} is empty`);
  return token;
}
