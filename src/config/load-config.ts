import { readFileSync } from "node:fs";
import { parse as parseYaml, YAMLParseError } from "yaml";

import { ConfigSchema, type Config } from "./schema.ts";

/** A configuration problem, with the file and the key (or line) at fault in the message. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The built-in defaults, used when no config file is given. */
export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}

/** Reads and validates a YAML config file; every problem names its key or line. */
export function loadConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0];
      const at = where === undefined ? "" : `:${where.line}:${where.col}`;
      throw new ConfigError(`${path}${at}: invalid YAML: ${err.message.split("\n")[0] ?? ""}`);
    }
    throw err;
  }
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = issue.path.length === 0 ? "(top level)" : issue.path.join(".");
      return `  ${key}: ${issue.message}`;
    });
    throw new ConfigError(`${path}: invalid configuration\n${lines.join("\n")}`);
  }
  return Object.freeze(result.data);
}
