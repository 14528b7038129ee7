import type { Era, LogForm, LogLine, ParsedLog } from "../log-line.ts";
import { DateTracker } from "./file-date.ts";
import { IssueList } from "./issues.ts";

// All regexes are sticky and run against the whole text at a line start: no per-line substring.
// Text groups run to the end of the physical line, byte-exact (never trimmed).

/** `HH:MM:SS <nick> text` | `HH:MM:SS <nick>` | `HH:MM:SS * nick text`. */
export const IRC_LINE =
  /(\d\d:\d\d:\d\d) (?:<([^\s<>]+)>(?: ([^\n]*))?|\* (\S+)(?: ([^\n]*))?)(?=\n|$)/y;
/** The same, indented (a log embedded in a reStructuredText post or a mail). */
export const IRC_LINE_INDENTED =
  /[ \t]+(\d\d:\d\d:\d\d) (?:<([^\s<>]+)>(?: ([^\n]*))?|\* (\S+)(?: ([^\n]*))?)(?=\n|$)/y;
/** `YYYY-MM-DD HH:MM:SS <@user:server> text` (text may be empty, with or without the space). */
export const MATRIX_LINE = /(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) <(@[^>\n]+)>(?: ([^\n]*))?(?=\n|$)/y;
export const MATRIX_LINE_INDENTED =
  /[ \t]+(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) <(@[^>\n]+)>(?: ([^\n]*))?(?=\n|$)/y;
/** Rendered Matrix .log.html: a line holding only `<@user:server>` … */
export const MATRIX3_NICK = /[ \t]*<(@[^\s<>]+)>[ \t]*(?=\n|$)/y;
/** … then a line holding only `HH:MM:SS` … then the text line. */
export const MATRIX3_TIME = /[ \t]*(\d\d:\d\d:\d\d)[ \t]*(?=\n|$)/y;

/** Leading non-log lines are summarised in one issue, not reported one by one. */
class Preamble {
  first = 0;
  last = 0;
  count = 0;
  text = "";
  note(line: number, text: string): void {
    if (this.count === 0) {
      this.first = line;
      this.text = text;
    }
    this.last = line;
    this.count++;
  }
  flush(issues: IssueList): void {
    if (this.count === 0) return;
    const where =
      this.first === this.last ? `line ${this.first}` : `lines ${this.first}-${this.last}`;
    issues.addAlways(
      this.first,
      `${where}: ${this.count} line${this.count === 1 ? "" : "s"} before the first log line skipped (page chrome, minutes or text cut mid-line)`,
      this.text,
    );
    this.count = 0;
  }
}

/** Blank lines are only an issue when something follows them (a blank line at the end is fine). */
class PendingBlanks {
  private lines: number[] = [];
  note(line: number): void {
    this.lines.push(line);
  }
  flush(issues: IssueList): void {
    if (this.lines.length === 0) return;
    for (const l of this.lines) issues.add(l, `line ${l}: blank line is not a log line`, "");
    this.lines = [];
  }
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

export interface TextOptions {
  readonly era: Era;
  readonly form: LogForm;
  readonly indented: boolean;
  readonly fileName: string | undefined;
  /** `n` is the physical line number (a .log.txt) rather than the count of lines read. */
  readonly physicalN: boolean;
}

/**
 * One log line per physical line: IRC or Matrix `.log.txt`, or a page rendered to text that kept the
 * line breaks. `text` must use `\n` line ends only.
 */
export function parseLineLog(text: string, opt: TextOptions): ParsedLog {
  const irc = opt.era === "irc";
  const re = irc
    ? opt.indented
      ? IRC_LINE_INDENTED
      : IRC_LINE
    : opt.indented
      ? MATRIX_LINE_INDENTED
      : MATRIX_LINE;
  const issues = new IssueList();
  const preamble = new Preamble();
  const blanks = new PendingBlanks();
  const dates = irc ? new DateTracker(opt.fileName) : undefined;
  const lines: LogLine[] = [];
  const len = text.length;
  let pos = 0;
  let lineNo = 0;
  let count = 0;
  for (;;) {
    lineNo++;
    re.lastIndex = pos;
    const m = re.exec(text);
    // A match runs to the end of its line (the regex ends with a newline lookahead): no second scan.
    let end = m != null ? re.lastIndex : text.indexOf("\n", pos);
    if (end === -1) end = len;
    if (m != null) {
      if (count === 0) {
        preamble.flush(issues);
        if (dates !== undefined) {
          const di = dates.issue(lineNo, opt.fileName);
          if (di !== undefined) issues.addAlways(di.line, di.message, di.excerpt);
        }
      }
      blanks.flush(issues);
      count++;
      const n = opt.physicalN ? lineNo : count;
      if (irc) {
        const time = m[1] ?? "";
        const date = dates === undefined ? "" : dates.at(time);
        if (m[2] !== undefined)
          lines.push({ n, date, time, nick: m[2], action: false, text: m[3] ?? "" });
        else lines.push({ n, date, time, nick: m[4] ?? "", action: true, text: m[5] ?? "" });
      } else {
        lines.push({
          n,
          date: m[1] ?? "",
          time: m[2] ?? "",
          nick: m[3] ?? "",
          action: false,
          text: m[4] ?? "",
        });
      }
    } else if (count === 0) {
      if (!isBlank(text, pos, end)) preamble.note(lineNo, text.slice(pos, end));
    } else if (isBlank(text, pos, end)) {
      blanks.note(lineNo);
    } else {
      blanks.flush(issues);
      const bad = text.slice(pos, end);
      issues.add(lineNo, `line ${lineNo}: ${describeBadLine(bad, opt.era, end === len)}`, bad);
    }
    if (end >= len) break;
    pos = end + 1;
  }
  preamble.flush(issues);
  return { era: opt.era, form: opt.form, lines, issues: issues.finish() };
}

function describeBadLine(line: string, era: Era, last: boolean): string {
  const cut = last ? " (last line, probably cut off)" : "";
  if (era === "irc") {
    if (/^\d\d:\d\d:\d\d </.test(line))
      return `not a log line: "<nick>" not closed or not followed by one space${cut}`;
    return `not an IRC log line (expected "HH:MM:SS <nick> text")${cut}`;
  }
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(line))
    return `not a log line: sender not written as "<@user:server>"${cut}`;
  return `not a Matrix log line (expected "YYYY-MM-DD HH:MM:SS <@user:server> text")${cut}`;
}

/**
 * A Matrix `.log.html` rendered to text: three lines per message, `<@user:server>` / `HH:MM:SS` / text.
 * The date comes from the file name (and advances at midnight).
 */
export function parseMatrixThreeLine(text: string, fileName: string | undefined): ParsedLog {
  const issues = new IssueList();
  const preamble = new Preamble();
  const dates = new DateTracker(fileName);
  const lines: LogLine[] = [];
  const len = text.length;
  let pos = 0;
  let lineNo = 0;
  let state = 0; // 0: expect sender, 1: expect time, 2: expect text
  let nick = "";
  let time = "";
  let senderLine = 0;
  let count = 0;
  for (;;) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = len;
    lineNo++;
    const atEnd = end >= len;
    if (state === 2) {
      if (!(atEnd && pos === end)) {
        count++;
        lines.push({
          n: count,
          date: dates.at(time),
          time,
          nick,
          action: false,
          text: text.slice(pos, end),
        });
        state = 0;
      }
    } else {
      if (state === 1) {
        MATRIX3_TIME.lastIndex = pos;
        const t = MATRIX3_TIME.exec(text);
        if (t != null) {
          time = t[1] ?? "";
          state = 2;
        } else {
          issues.add(
            senderLine,
            `line ${senderLine}: sender line not followed by a HH:MM:SS line`,
            `<${nick}>`,
          );
          state = 0;
        }
      }
      if (state === 0) {
        MATRIX3_NICK.lastIndex = pos;
        const s = MATRIX3_NICK.exec(text);
        if (s != null) {
          if (count === 0 && lines.length === 0) {
            preamble.flush(issues);
            const di = dates.issue(lineNo, fileName);
            if (di !== undefined && senderLine === 0)
              issues.addAlways(di.line, di.message, di.excerpt);
          }
          nick = s[1] ?? "";
          senderLine = lineNo;
          state = 1;
        } else if (!isBlank(text, pos, end)) {
          const bad = text.slice(pos, end);
          if (senderLine === 0) preamble.note(lineNo, bad);
          else
            issues.add(
              lineNo,
              `line ${lineNo}: not part of a "<@user:server>" / "HH:MM:SS" / text block${atEnd ? " (last line, probably cut off)" : ""}`,
              bad,
            );
        }
      }
    }
    if (atEnd) break;
    pos = end + 1;
  }
  if (state !== 0) {
    issues.add(
      senderLine,
      `line ${senderLine}: last message cut off (input ends before its ${state === 1 ? "time" : "text"})`,
      `<${nick}>`,
    );
  }
  preamble.flush(issues);
  return { era: "matrix", form: "html-text", lines, issues: issues.finish() };
}
