import type { LogLine, ParsedLog } from "../log-line.ts";
import { DateTracker } from "./file-date.ts";
import { IssueList } from "./issues.ts";
import { IRC_LINE } from "./text-lines.ts";

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos|nbsp));/g;
const NAMED: Readonly<Record<string, string>> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

function fromCodePoint(cp: number): string {
  return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)
    ? String.fromCodePoint(cp)
    : "\ufffd";
}

/** Decodes `&lt; &gt; &amp; &quot; &#39; &apos; &nbsp;` and numeric references; other `&` stay as they are. */
export function unescapeHtml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(
    ENTITY,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (dec !== undefined) return fromCodePoint(Number(dec));
      if (hex !== undefined) return fromCodePoint(parseInt(hex, 16));
      return name !== undefined ? (NAMED[name] ?? whole) : whole;
    },
  );
}

const TAG = /<[^>]*>/g;

/** Markup removed, entities decoded: the text a browser shows (markup escapes every literal `<`). */
export function htmlToText(s: string): string {
  return unescapeHtml(s.includes("<") ? s.replace(TAG, "") : s);
}

const ANCHOR = /<a name="l-(\d+)"><\/a>/y;

/**
 * MeetBot's IRC `.log.html`: one `<pre>`, one message per line, each led by `<a name="l-N"></a>`. The
 * spans (`tm`, `nk`, `nka`, `ac`, `cmd`, `topic`, `hi`, …) are removed and entities decoded, which gives
 * back the `.log.txt` line exactly; `n` is the anchor number.
 */
export function parseIrcHtml(text: string, fileName: string | undefined): ParsedLog {
  const issues = new IssueList();
  const dates = new DateTracker(fileName);
  const lines: LogLine[] = [];
  const len = text.length;
  let pos = 0;
  let lineNo = 0;
  let inLog = false;
  let done = false;
  for (;;) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = len;
    lineNo++;
    if (!done) {
      const raw = text.slice(pos, end);
      const at = raw.indexOf('<a name="l-');
      ANCHOR.lastIndex = at;
      const a = at === -1 ? null : ANCHOR.exec(raw);
      if (a != null) {
        if (!inLog) {
          const di = dates.issue(lineNo, fileName);
          if (di !== undefined) issues.addAlways(di.line, di.message, di.excerpt);
        }
        inLog = true;
        let body = raw.slice(ANCHOR.lastIndex);
        const close = body.lastIndexOf("</pre>");
        if (close !== -1) {
          body = body.slice(0, close);
          done = true;
        }
        const plain = htmlToText(body);
        IRC_LINE.lastIndex = 0;
        const m = IRC_LINE.exec(plain);
        if (m == null) {
          issues.add(
            lineNo,
            `line ${lineNo}: anchor l-${a[1] ?? ""} does not hold an IRC log line`,
            plain,
          );
        } else {
          const n = Number(a[1]);
          const time = m[1] ?? "";
          const date = dates.at(time);
          if (m[2] !== undefined)
            lines.push({ n, date, time, nick: m[2], action: false, text: m[3] ?? "" });
          else lines.push({ n, date, time, nick: m[4] ?? "", action: true, text: m[5] ?? "" });
        }
      } else if (inLog) {
        if (raw.includes("</pre>")) done = true;
        const plain = htmlToText(done ? raw.slice(0, raw.indexOf("</pre>")) : raw);
        if (plain.trim() !== "")
          issues.add(lineNo, `line ${lineNo}: text inside the log without an l-N anchor`, plain);
      }
    }
    if (end >= len) break;
    pos = end + 1;
  }
  return { era: "irc", form: "html", lines, issues: issues.finish() };
}

const ROW = /<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bid="l-(\d+)"[^>]*>/g;

function cellRe(cls: string): RegExp {
  return new RegExp(
    `<([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*\\bclass="(?:[^"]*\\s)?${cls}(?:\\s[^"]*)?"[^>]*>([\\s\\S]*?)</\\1\\s*>`,
  );
}
const NICK_CELL = cellRe("nick");
const TIME_CELL = cellRe("time");
const MXID = /@[^\s<>]+/;
const CLOCK = /\d\d:\d\d:\d\d/;
const DAY = /\d{4}-\d\d-\d\d/;

/** Index just past the element opened at `from` (same-name nesting counted), or `limit`. */
function elementEnd(html: string, tag: string, from: number, limit: number): number {
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "gi");
  re.lastIndex = from;
  let depth = 0;
  for (let m = re.exec(html); m != null && m.index < limit; m = re.exec(html)) {
    if (m[0].endsWith("/>")) continue;
    depth += m[1] === "/" ? -1 : 1;
    if (depth === 0) return re.lastIndex;
  }
  return limit;
}

function lineOf(text: string, index: number, cache: { pos: number; line: number }): number {
  for (let i = cache.pos; i < index; i++) if (text.charCodeAt(i) === 10) cache.line++;
  cache.pos = Math.max(cache.pos, index);
  return cache.line;
}

/** Template whitespace around the message (a newline and indentation) is not part of it. */
function trimTemplate(s: string): string {
  const t = s.replace(/^[ \t]*\n\s*/, "").replace(/\s*\n[ \t]*$/, "");
  // Markup line breaks inside a message are whitespace, as a browser shows them.
  return t.includes("\n") ? t.replace(/[ \t]*\n\s*/g, " ") : t;
}

/**
 * maubot-meetings' Matrix `.log.html`: a div table, one row per logged line (`id="l-N"`), cells with
 * classes `nick` and `time`; the rest of the row is the message. The date comes from a `YYYY-MM-DD` in
 * the time cell, else from the file name.
 */
export function parseMatrixHtml(text: string, fileName: string | undefined): ParsedLog {
  const issues = new IssueList();
  const dates = new DateTracker(fileName);
  const lines: LogLine[] = [];
  const rows: { tag: string; n: number; start: number; open: number }[] = [];
  ROW.lastIndex = 0;
  for (let m = ROW.exec(text); m != null; m = ROW.exec(text)) {
    rows.push({ tag: m[1] ?? "div", n: Number(m[2]), start: m.index, open: ROW.lastIndex });
  }
  const cache = { pos: 0, line: 1 };
  let dateIssued = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r === undefined) continue;
    const next = rows[i + 1];
    const limit = next === undefined ? text.length : next.start;
    const end = elementEnd(text, r.tag, r.start, limit);
    let inner = text.slice(r.open, end);
    const closing = inner.lastIndexOf("</");
    if (closing !== -1 && end < limit) inner = inner.slice(0, closing);
    const lineNo = lineOf(text, r.start, cache);
    const nickCell = NICK_CELL.exec(inner);
    const timeCell = TIME_CELL.exec(inner);
    const nickText = nickCell == null ? "" : htmlToText(nickCell[2] ?? "");
    const timeText = timeCell == null ? "" : htmlToText(timeCell[2] ?? "");
    const mxid = MXID.exec(nickText);
    const clock = CLOCK.exec(timeText);
    if (nickCell == null || timeCell == null || mxid == null || clock == null) {
      issues.add(
        lineNo,
        `line ${lineNo}: row l-${r.n} has no "nick" and "time" cells with a user ID and HH:MM:SS`,
        htmlToText(inner).trim(),
      );
      continue;
    }
    let rest = inner;
    for (const c of [nickCell[0], timeCell[0]]) rest = rest.replace(c, "");
    const day = DAY.exec(timeText);
    const time = clock[0];
    let date: string;
    if (day != null) date = day[0];
    else {
      if (!dateIssued) {
        const di = dates.issue(lineNo, fileName);
        if (di !== undefined) issues.addAlways(di.line, di.message, di.excerpt);
        dateIssued = true;
      }
      date = dates.at(time);
    }
    lines.push({
      n: r.n,
      date,
      time,
      nick: mxid[0],
      action: false,
      text: trimTemplate(htmlToText(rest)),
    });
  }
  if (rows.length === 0) {
    issues.addAlways(
      1,
      'no row with id="l-N" found in the Matrix .log.html markup',
      text.slice(0, 80),
    );
  }
  return { era: "matrix", form: "html", lines, issues: issues.finish() };
}
