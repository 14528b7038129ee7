import type { LogLine } from "./log-line.ts";

/**
 * How a published log says it was written by sigmeet's own bot. Such a log must be folded with
 * sigmeet's rules (the whole MeetBot command set, `!` or `#`, chairs as the bot announced them), not
 * maubot's, or re-importing it would give other minutes than the bot published. The bot writes this
 * line in its start notice; the importer looks for it. Logs have no header, so the line is the
 * log's only way to carry that.
 */
export const SIGMEET_LOG_MARKER =
  "This meeting is logged by sigmeet: Fedora meetbot commands with ! or #, !help lists them.";

/**
 * How many lines after the start message the marker may appear (the bot's reply, after any
 * chatter). Counted from the start message's last line: a pasted agenda does not push it out.
 */
const MARKER_WINDOW = 40;

const START = /^[!#](?:startmeeting|sm)(?:\s|$)/i;

/**
 * The bot's Matrix ID when `lines` are a sigmeet bot's log: the sender of the marker line, which
 * must come shortly after a `!startmeeting` and from someone other than its sender. Null for any
 * other log.
 */
export function sigmeetBotOf(lines: readonly LogLine[]): string | null {
  let startedAt = -1;
  let starter = "";
  for (const [index, line] of lines.entries()) {
    if (startedAt === -1 || index - startedAt > MARKER_WINDOW) {
      if (START.test(line.text)) {
        startedAt = index;
        starter = line.nick;
        // The start message's other lines (same sender, same second) come before the window.
        while (
          lines[startedAt + 1]?.nick === line.nick &&
          lines[startedAt + 1]?.time === line.time &&
          lines[startedAt + 1]?.date === line.date
        )
          startedAt++;
      }
      continue;
    }
    if (line.text === SIGMEET_LOG_MARKER && line.nick !== starter) return line.nick;
  }
  return null;
}
