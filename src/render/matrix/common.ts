import type { ItemKind, Meeting } from "../../core/meeting.ts";

/** Who/when a logged row was: the shape the templates read from `items[0]` and `items[-1]`. */
export interface Row {
  readonly nick: string;
  readonly date: string;
  readonly time: string;
}

/**
 * `items[0]` of the templates: the first logged row (the `!startmeeting` line). Falls back to the
 * meeting's owner and start when the meeting carries no lines.
 */
export function firstRow(m: Meeting): Row {
  const l = m.lines[0];
  return l ?? { nick: m.owner, date: m.start.date, time: m.start.time };
}

/**
 * `items[-1]` of the templates: the last logged row, which is what "Meeting ended at" prints (the
 * `!endmeeting` line when the log is complete). Falls back to `end`, then `start`.
 */
export function lastRow(m: Meeting): Row {
  const l = m.lines.length > 0 ? m.lines[m.lines.length - 1] : undefined;
  if (l !== undefined) return l;
  const e = m.end ?? m.start;
  return { nick: m.owner, date: e.date, time: e.time };
}

export interface PresentEntry {
  readonly nick: string;
  readonly count: number;
}

/**
 * "People Present (lines said)": one row per sender with the number of logged lines, every line
 * counted (the bot's own notices, other bots and empty lines of multi-line messages included), as the
 * bot's `GROUP BY sender` over its log table does. Sorted by count, descending; equal counts keep
 * first-seen order (the bot's order for ties depends on its database and cannot be reproduced).
 * Counted from `meeting.lines`; when a meeting carries no lines, `meeting.attendees` is used.
 */
export function peoplePresent(m: Meeting): PresentEntry[] {
  let entries: PresentEntry[];
  if (m.lines.length === 0) {
    entries = m.attendees.map((a) => ({ nick: a.nick, count: a.lines }));
  } else {
    // One counter per sender, so a line costs one lookup, and none when the sender is the same as
    // on the line before (multi-line messages).
    const counts = new Map<string, { nick: string; count: number }>();
    let last: { nick: string; count: number } | undefined;
    for (const l of m.lines) {
      if (last?.nick !== l.nick) {
        last = counts.get(l.nick);
        if (last === undefined) {
          last = { nick: l.nick, count: 0 };
          counts.set(l.nick, last);
        }
      }
      last.count++;
    }
    entries = [...counts.values()];
  }
  // Array.prototype.sort is stable, so ties stay in first-seen order.
  return entries.sort((a, b) => b.count - a.count);
}

/**
 * Upper-cased tag as the minutes print it. maubot-meetings' tag for help requests is `halp`, so a
 * `help` item prints `HALP`; `accepted` is not a Matrix tag but is printed by the same rule.
 */
export const MATRIX_TAG: Readonly<Record<Exclude<ItemKind, "topic">, string>> = {
  info: "INFO",
  idea: "IDEA",
  help: "HALP",
  link: "LINK",
  action: "ACTION",
  agreed: "AGREED",
  accepted: "ACCEPTED",
  rejected: "REJECTED",
};

/** `<room alias>: <meeting name>`, the title of both minutes files. */
export function matrixTitle(m: Meeting): string {
  return `${m.channel}: ${m.name}`;
}
