import { inspect } from "node:util";
import type { ILogger } from "matrix-bot-sdk";

/**
 * Wraps a log sink so that no line carries one of `secrets` (the access token). Applied to the
 * final text, so it also covers objects the SDK logs (a response whose request headers hold
 * `Authorization: Bearer …`).
 */
export function redactingLog(
  log: (line: string) => void,
  secrets: readonly string[],
): (line: string) => void {
  const hidden = secrets.filter((secret) => secret !== "");
  return (line) => {
    log(hidden.reduce((text, secret) => text.replaceAll(secret, "<redacted>"), line));
  };
}

/** The SDK's LogService output as one line per call into `log`. */
export function sdkLogger(log: (line: string) => void): ILogger {
  const at =
    (level: string) =>
    (module: string, ...parts: unknown[]): void => {
      log(`matrix-bot-sdk ${level} ${module}: ${parts.map(describe).join(" ")}`);
    };
  return {
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}

function describe(part: unknown): string {
  if (typeof part === "string") return part;
  if (part instanceof Error) return part.message;
  return inspect(part, { depth: 3, breakLength: Infinity, maxStringLength: 500 });
}
