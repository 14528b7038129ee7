import type { LogLine } from "../core/log-line.ts";

/**
 * A meeting's log as stored in one `meeting_logs` row, in two columns with one record per line,
 * records separated by `\n`, in the same order:
 *
 * - `meta`: `n, date, time, nick, action (0|1)`, fields separated by `\t`;
 * - `text`: the line's text alone, which may hold tabs.
 *
 * Only `text` is indexed, so a search word that appears only in line numbers, dates, times or
 * nicks finds no meeting. No field may hold `\n`, and no meta field a tab. A log of no lines is
 * `meta` "" (and `text` ""); a log of one line with an empty text has `text` "" too, so the meta
 * records are what count the lines.
 */
export interface LogColumns {
  readonly meta: string;
  readonly text: string;
}

/** The meta fields of a line: everything but its text. */
export type LogMeta = Omit<LogLine, "text">;

const META_TABS = 4;

/** Why `line` cannot be stored as a record, or null if it can. */
export function unstorableLine(line: LogLine): string | null {
  const { n, date, time, nick, text } = line;
  if (!Number.isSafeInteger(n) || n < 1) return `line number ${n} is not a positive integer`;
  // One scan over each short field instead of two.
  if (/[\t\n]/.test(date) || /[\t\n]/.test(time) || /[\t\n]/.test(nick)) {
    return `line ${n}: date, time and nick may hold no tab or newline`;
  }
  if (text.includes("\n")) return `line ${n}: the text holds a newline`;
  return null;
}

/**
 * Serialises `lines` as the `meta` and `text` columns of one `meeting_logs` row. A line that could
 * not round-trip (see `unstorableLine`) is handed to `fail` with the reason, which must throw.
 */
export function encodeLogRows(
  lines: readonly LogLine[],
  fail: (reason: string) => never,
): LogColumns {
  const meta: string[] = [];
  const text: string[] = [];
  for (const line of lines) {
    const reason = unstorableLine(line);
    if (reason !== null) fail(reason);
    meta.push(`${line.n}\t${line.date}\t${line.time}\t${line.nick}\t${line.action ? 1 : 0}`);
    text.push(line.text);
  }
  return { meta: meta.join("\n"), text: text.join("\n") };
}

function malformed(what: string, offset: number): Error {
  return new Error(`malformed log ${what} at offset ${offset}`);
}

function unpaired(): Error {
  return new Error("malformed log: meta and text hold different numbers of lines");
}

/**
 * Calls `visit` with the offsets of each line's text record and meta record in `log`, last line
 * first when `reverse`; stops when `visit` returns false. Walks both columns in step, so a search
 * can look at the text of every line without cutting the log into per-line objects, and decode a
 * line's meta (see `decodeLogMeta`) only when its text matches.
 */
export function forEachLogRow(
  log: LogColumns,
  visit: (textStart: number, textEnd: number, metaStart: number, metaEnd: number) => boolean,
  reverse = false,
): void {
  const { meta, text } = log;
  if (meta === "") {
    if (text !== "") throw unpaired();
    return;
  }
  if (reverse) {
    let textEnd = text.length;
    let metaEnd = meta.length;
    for (;;) {
      // lastIndexOf(…, -1) still looks at offset 0, so an empty first record needs its own case.
      const textStart = textEnd === 0 ? 0 : text.lastIndexOf("\n", textEnd - 1) + 1;
      const metaStart = metaEnd === 0 ? 0 : meta.lastIndexOf("\n", metaEnd - 1) + 1;
      const first = metaStart === 0;
      if ((textStart === 0) !== first) throw unpaired();
      if (!visit(textStart, textEnd, metaStart, metaEnd) || first) return;
      textEnd = textStart - 1;
      metaEnd = metaStart - 1;
    }
  }
  let textStart = 0;
  let metaStart = 0;
  for (;;) {
    const textNewline = text.indexOf("\n", textStart);
    const metaNewline = meta.indexOf("\n", metaStart);
    const last = metaNewline < 0;
    if (textNewline < 0 !== last) throw unpaired();
    const textEnd = last ? text.length : textNewline;
    const metaEnd = last ? meta.length : metaNewline;
    if (!visit(textStart, textEnd, metaStart, metaEnd) || last) return;
    textStart = textEnd + 1;
    metaStart = metaEnd + 1;
  }
}

/** The meta fields of the record spanning `start` to `end` of `meta` (as `forEachLogRow` gives). */
export function decodeLogMeta(meta: string, start: number, end: number): LogMeta {
  const fields: string[] = [];
  let at = start;
  for (let field = 0; field < META_TABS; field++) {
    const tab = meta.indexOf("\t", at);
    if (tab < 0 || tab >= end) throw malformed("meta", start);
    fields.push(meta.slice(at, tab));
    at = tab + 1;
  }
  const action = meta.slice(at, end);
  if (action !== "0" && action !== "1") throw malformed("meta", start);
  const [n = "", date = "", time = "", nick = ""] = fields;
  return { n: Number(n), date, time, nick, action: action === "1" };
}

/** The inverse of `encodeLogRows`. */
export function decodeLogRows(log: LogColumns): LogLine[] {
  const lines: LogLine[] = [];
  forEachLogRow(log, (textStart, textEnd, metaStart, metaEnd) => {
    lines.push({
      ...decodeLogMeta(log.meta, metaStart, metaEnd),
      text: log.text.slice(textStart, textEnd),
    });
    return true;
  });
  return lines;
}
