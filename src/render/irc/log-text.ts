import type { LogLine } from "../../core/log-line.ts";

/**
 * The `.log.txt` as zodbot wrote it: `HH:MM:SS <nick> text`, `/me` lines as `HH:MM:SS * nick text`,
 * LF between lines and no newline after the last one.
 */
export function renderIrcLogText(lines: readonly LogLine[]): string {
  return lines
    .map((l) => (l.action ? `${l.time} * ${l.nick} ${l.text}` : `${l.time} <${l.nick}> ${l.text}`))
    .join("\n");
}
