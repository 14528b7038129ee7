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

/**
 * Where the fields of a line read by `scanIrcLine` / `scanMatrixLine` are: offsets into the text.
 * `text` is the start of the message text (the line end when there is none).
 */
export interface LineFields {
  date: number;
  time: number;
  nick: number;
  nickEnd: number;
  text: number;
  action: boolean;
}

export function lineFields(): LineFields {
  return { date: 0, time: 0, nick: 0, nickEnd: 0, text: 0, action: false };
}

// The scanners below match exactly what the regexes above match at a line start, but by hand: the
// parsers run them on every line, and the regexes also walk the message text, which here is simply
// everything up to the line end (found with `indexOf`). test/parse/line-scan.test.ts checks them
// against the regexes.

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `\d\d:\d\d:\d\d` at `p`. */
function isTime(s: string, p: number): boolean {
  return (
    isDigit(s.charCodeAt(p)) &&
    isDigit(s.charCodeAt(p + 1)) &&
    s.charCodeAt(p + 2) === 0x3a &&
    isDigit(s.charCodeAt(p + 3)) &&
    isDigit(s.charCodeAt(p + 4)) &&
    s.charCodeAt(p + 5) === 0x3a &&
    isDigit(s.charCodeAt(p + 6)) &&
    isDigit(s.charCodeAt(p + 7))
  );
}

/** `\d{4}-\d\d-\d\d` at `p`. */
function isDate(s: string, p: number): boolean {
  return (
    isDigit(s.charCodeAt(p)) &&
    isDigit(s.charCodeAt(p + 1)) &&
    isDigit(s.charCodeAt(p + 2)) &&
    isDigit(s.charCodeAt(p + 3)) &&
    s.charCodeAt(p + 4) === 0x2d &&
    isDigit(s.charCodeAt(p + 5)) &&
    isDigit(s.charCodeAt(p + 6)) &&
    s.charCodeAt(p + 7) === 0x2d &&
    isDigit(s.charCodeAt(p + 8)) &&
    isDigit(s.charCodeAt(p + 9))
  );
}

/** The indent `[ \t]+` at `pos`: where it ends, or -1 when there is none. */
function skipIndent(s: string, pos: number): number {
  let p = pos;
  for (let c = s.charCodeAt(p); c === 0x20 || c === 0x09; c = s.charCodeAt(p)) p++;
  return p > pos ? p : -1;
}

/**
 * After the closing `>` of a sender (or the end of a `/me` nick) at `p`: the line ends there, or a
 * space follows and the text runs to the line end. Sets `f.text`.
 */
function textAfter(s: string, p: number, end: number, f: LineFields): boolean {
  if (p === end) {
    f.text = end;
    return true;
  }
  if (s.charCodeAt(p) !== 0x20) return false;
  f.text = p + 1;
  return true;
}

/** `IRC_LINE` (or `IRC_LINE_INDENTED`) at `pos`, the line ending at `end`. */
export function scanIrcLine(
  s: string,
  pos: number,
  end: number,
  indented: boolean,
  f: LineFields,
): boolean {
  const p = indented ? skipIndent(s, pos) : pos;
  if (p < 0 || !isTime(s, p) || s.charCodeAt(p + 8) !== 0x20) return false;
  f.time = p;
  const mark = s.charCodeAt(p + 9);
  if (mark === 0x3c /* < */) {
    // `<([^\s<>]+)>`
    let i = p + 10;
    for (; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x3e /* > */) break;
      if (c === 0x3c || isSpace(c)) return false;
    }
    if (i === p + 10 || i >= end) return false;
    f.nick = p + 10;
    f.nickEnd = i;
    f.action = false;
    return textAfter(s, i + 1, end, f);
  }
  if (mark === 0x2a /* * */ && s.charCodeAt(p + 10) === 0x20) {
    // `\* (\S+)`
    let i = p + 11;
    while (i < end && !isSpace(s.charCodeAt(i))) i++;
    if (i === p + 11) return false;
    f.nick = p + 11;
    f.nickEnd = i;
    f.action = true;
    return textAfter(s, i, end, f);
  }
  return false;
}

/** `MATRIX_LINE` (or `MATRIX_LINE_INDENTED`) at `pos`, the line ending at `end`. */
export function scanMatrixLine(
  s: string,
  pos: number,
  end: number,
  indented: boolean,
  f: LineFields,
): boolean {
  const p = indented ? skipIndent(s, pos) : pos;
  if (p < 0 || !isDate(s, p) || s.charCodeAt(p + 10) !== 0x20) return false;
  if (!isTime(s, p + 11) || s.charCodeAt(p + 19) !== 0x20) return false;
  if (s.charCodeAt(p + 20) !== 0x3c /* < */ || s.charCodeAt(p + 21) !== 0x40 /* @ */) return false;
  // `<(@[^>\n]+)>`: the sender runs to the first `>` of the line.
  let i = p + 22;
  while (i < end && s.charCodeAt(i) !== 0x3e) i++;
  if (i === p + 22 || i >= end) return false;
  f.date = p;
  f.time = p + 11;
  f.nick = p + 21;
  f.nickEnd = i;
  f.action = false;
  return textAfter(s, i + 1, end, f);
}

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
  return parseLineLogChunks([text], opt);
}

/**
 * `parseLineLog` over a text given in pieces, each ending where a line ends (the `\n` between two
 * pieces left out). Lets a large file be decoded into strings small enough to stay out of V8's
 * large-object space (see parse-bytes.ts); line numbers run on across pieces.
 */
export function parseLineLogChunks(chunks: readonly string[], opt: TextOptions): ParsedLog {
  const irc = opt.era === "irc";
  const scan = irc ? scanIrcLine : scanMatrixLine;
  const f = lineFields();
  const issues = new IssueList();
  const preamble = new Preamble();
  const blanks = new PendingBlanks();
  const dates = irc ? new DateTracker(opt.fileName) : undefined;
  const lines: LogLine[] = [];
  let lineNo = 0;
  let count = 0;
  chunks.forEach((text, chunkIndex) => {
    const lastChunk = chunkIndex === chunks.length - 1;
    const len = text.length;
    let pos = 0;
    for (;;) {
      lineNo++;
      let end = text.indexOf("\n", pos);
      if (end === -1) end = len;
      if (scan(text, pos, end, opt.indented, f)) {
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
        const time = text.slice(f.time, f.time + 8);
        lines.push({
          n,
          date: dates !== undefined ? dates.at(time) : text.slice(f.date, f.date + 10),
          time,
          nick: text.slice(f.nick, f.nickEnd),
          action: f.action,
          text: text.slice(f.text, end),
        });
      } else if (count === 0) {
        if (!isBlank(text, pos, end)) preamble.note(lineNo, text.slice(pos, end));
      } else if (isBlank(text, pos, end)) {
        blanks.note(lineNo);
      } else {
        blanks.flush(issues);
        const bad = text.slice(pos, end);
        const last = lastChunk && end === len;
        issues.add(lineNo, `line ${lineNo}: ${describeBadLine(bad, opt.era, last)}`, bad);
      }
      if (end >= len) break;
      pos = end + 1;
    }
  });
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
