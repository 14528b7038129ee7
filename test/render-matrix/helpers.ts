import type { LogLine } from "../../src/core/log-line.ts";
import type { Item, ItemKind, Meeting } from "../../src/core/meeting.ts";

/** Split a whitespace-collapsed Matrix `.log.txt` copy back into lines (the last may be truncated). */
export function splitCollapsedMatrixLog(text: string): LogLine[] {
  const re = /(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) <(@[^>]+)> /g;
  const heads: { index: number; end: number; date: string; time: string; nick: string }[] = [];
  for (const m of text.matchAll(re)) {
    heads.push({
      index: m.index,
      end: m.index + m[0].length,
      date: m[1]!,
      time: m[2]!,
      nick: m[3]!,
    });
  }
  return heads.map((h, i) => {
    const next = heads[i + 1];
    const body = text.slice(h.end, next === undefined ? text.length : next.index);
    // The collapse turned the line break into the single space before the next timestamp.
    const t = next === undefined ? body : body.replace(/ $/, "");
    return { n: i + 1, date: h.date, time: h.time, nick: h.nick, action: false, text: t };
  });
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

export function line(
  n: number,
  time: string,
  nick: string,
  text: string,
  date = "2026-05-06",
): LogLine {
  return { n, date, time, nick, action: false, text };
}

export function item(kind: ItemKind, text: string, at: LogLine, topic: string | null): Item {
  return { kind, text, nick: at.nick, line: at.n, date: at.date, time: at.time, topic };
}

/** A Matrix meeting from lines and items; start = first line, end = last line. */
export function matrixMeeting(
  lines: readonly LogLine[],
  items: readonly Item[],
  over: Partial<Meeting> = {},
): Meeting {
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  return {
    era: "matrix",
    channel: "#meeting:fedoraproject.org",
    title: "Fedora Council - 2026-05-06",
    name: "council",
    previousNames: [],
    owner: first.nick,
    chairs: [first.nick],
    start: { line: first.n, date: first.date, time: first.time },
    end: { line: last.n, date: last.date, time: last.time },
    items,
    attendees: [],
    lines,
    ...over,
  };
}
