import type { Era, LogLine, ParsedLog } from "../log-line.ts";
import { DateTracker } from "./file-date.ts";
import { IssueList } from "./issues.ts";

/** Message starts when every newline was collapsed into a space. */
export const MATRIX_HEAD = /(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) <(@[^\s<>]+)>/g;
export const IRC_HEAD = /(\d\d:\d\d:\d\d) (?:<([^\s<>]+)>|\* (\S+))/g;
/** IRC copies whose `<nick>` tokens were eaten as HTML tags: only the time is left. */
export const BARE_HEAD = /(\d\d:\d\d:\d\d) /g;
const ACTION_BODY = /^\* (\S+)(?: |$)/;

export type CollapsedKind = "matrix" | "irc" | "irc-nickless";

function lineAt(text: string, index: number, cache: { pos: number; line: number }): number {
  for (let i = cache.pos; i < index; i++) if (text.charCodeAt(i) === 10) cache.line++;
  cache.pos = Math.max(cache.pos, index);
  return cache.line;
}

/**
 * A page rendered to text with all whitespace collapsed: messages are cut at each message start
 * (`YYYY-MM-DD HH:MM:SS <@user>` for Matrix, `HH:MM:SS <nick>` / `HH:MM:SS * nick` for IRC). The one
 * space that replaced the line break is dropped; the text is otherwise as found (its own runs of spaces
 * are already lost). Where the IRC `<nick>` tokens were lost, only `/me` lines can be attributed: the
 * others are skipped and reported in one issue.
 */
export function parseCollapsed(
  text: string,
  kind: CollapsedKind,
  fileName: string | undefined,
): ParsedLog {
  const era: Era = kind === "matrix" ? "matrix" : "irc";
  const head = kind === "matrix" ? MATRIX_HEAD : kind === "irc" ? IRC_HEAD : BARE_HEAD;
  const issues = new IssueList();
  const dates = era === "irc" ? new DateTracker(fileName) : undefined;
  const lines: LogLine[] = [];
  const cache = { pos: 0, line: 1 };
  head.lastIndex = 0;
  let m = head.exec(text);
  if (m != null && m.index > 0 && text.slice(0, m.index).trim() !== "") {
    const before = text.slice(0, m.index);
    issues.addAlways(
      1,
      `text before the first log line skipped (${before.length} characters of page chrome or a cut message)`,
      before,
    );
  }
  if (m != null && dates !== undefined) {
    const di = dates.issue(lineAt(text, m.index, cache), fileName);
    if (di !== undefined) issues.addAlways(di.line, di.message, di.excerpt);
  }
  let unattributed = 0;
  let firstUnattributed = 0;
  let firstUnattributedText = "";
  while (m != null) {
    const cur = m;
    const start = head.lastIndex;
    const next = head.exec(text);
    m = next;
    const stop = next == null ? text.length : next.index;
    let body = text.slice(start, stop);
    if (body.startsWith(" ")) body = body.slice(1);
    const nl = body.indexOf("\n");
    if (nl !== -1) {
      // A line break survived the copy: the message ends there; what follows is not part of it.
      const rest = body.slice(nl + 1);
      body = body.slice(0, nl);
      if (rest.trim() !== "") {
        const at = lineAt(text, start + nl + 1, cache) + 1;
        issues.add(at, `line ${at}: text between messages skipped`, rest.trim());
      }
    } else if (next != null && body.endsWith(" ")) body = body.slice(0, -1);
    const time = kind === "matrix" ? (cur[2] ?? "") : (cur[1] ?? "");
    if (kind === "matrix") {
      lines.push({
        n: lines.length + 1,
        date: cur[1] ?? "",
        time,
        nick: cur[3] ?? "",
        action: false,
        text: body,
      });
    } else if (kind === "irc") {
      const date = dates?.at(time) ?? "";
      if (cur[2] !== undefined)
        lines.push({ n: lines.length + 1, date, time, nick: cur[2], action: false, text: body });
      else
        lines.push({
          n: lines.length + 1,
          date,
          time,
          nick: cur[3] ?? "",
          action: true,
          text: body,
        });
    } else {
      const a = ACTION_BODY.exec(body);
      const date = dates?.at(time) ?? "";
      if (a != null) {
        lines.push({
          n: lines.length + 1,
          date,
          time,
          nick: a[1] ?? "",
          action: true,
          text: body.slice(a[0].length),
        });
      } else {
        if (unattributed === 0) {
          firstUnattributed = lineAt(text, cur.index, cache);
          firstUnattributedText = `${cur[0]}${body}`;
        }
        unattributed++;
      }
    }
  }
  if (unattributed > 0) {
    issues.addAlways(
      firstUnattributed,
      `${unattributed} messages have a time but no "<nick>" (the tokens were lost when the page was copied as HTML); they cannot be attributed and were skipped${lines.length > 0 ? `; only the ${lines.length} "/me" lines were read` : ""}`,
      firstUnattributedText,
    );
  }
  return { era, form: "collapsed", lines, issues: issues.finish() };
}
