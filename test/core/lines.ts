import type { LogLine } from "../../src/core/log-line.ts";

/**
 * Builds LogLines from compact `nick: text` strings (`* nick text` for /me), one second apart, so
 * semantics tests do not depend on the parser.
 */
export function lines(...specs: string[]): LogLine[] {
  return specs.map((spec, i) => {
    const action = spec.startsWith("* ");
    const body = action ? spec.slice(2) : spec;
    const sep = action ? body.indexOf(" ") : body.indexOf(": ");
    const nick = body.slice(0, sep);
    const text = body.slice(sep + (action ? 1 : 2));
    const secs = 10 * 3600 + i;
    const time = [Math.floor(secs / 3600), Math.floor(secs / 60) % 60, secs % 60]
      .map((v) => String(v).padStart(2, "0"))
      .join(":");
    return { n: i + 1, date: "2024-01-02", time, nick, action, text };
  });
}
