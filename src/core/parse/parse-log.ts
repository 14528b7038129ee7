import type { Era, LogForm, ParsedLog } from "../log-line.ts";
import { BARE_HEAD, IRC_HEAD, MATRIX_HEAD, parseCollapsed } from "./collapsed.ts";
import { parseIrcHtml, parseMatrixHtml } from "./html.ts";
import {
  MATRIX3_NICK,
  MATRIX3_TIME,
  lineFields,
  parseLineLog,
  parseMatrixThreeLine,
  scanIrcLine,
  scanMatrixLine,
} from "./text-lines.ts";

export interface ParseHint {
  /** File name or path; gives the IRC date (`name.YYYY-MM-DD-HH.MM.log.txt`) and tells a page copy from a .log.txt. */
  readonly fileName?: string;
}

export const NOTHING_READABLE =
  "no line looks like an IRC (HH:MM:SS <nick> text) or Matrix (YYYY-MM-DD HH:MM:SS <@user:server> text) log line";

/** Only this much of the input is looked at to decide the era and form. */
const SAMPLE = 64 * 1024;

interface Counts {
  irc: number;
  ircIndented: number;
  matrix: number;
  matrixIndented: number;
  matrix3: number;
}

function countLineStarts(text: string, limit: number): Counts {
  const c: Counts = { irc: 0, ircIndented: 0, matrix: 0, matrixIndented: 0, matrix3: 0 };
  const f = lineFields();
  let pos = 0;
  while (pos < limit) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    if (scanIrcLine(text, pos, end, false, f)) c.irc++;
    else if (scanMatrixLine(text, pos, end, false, f)) c.matrix++;
    else {
      const ch = text.charCodeAt(pos);
      if (ch === 32 || ch === 9) {
        if (scanIrcLine(text, pos, end, true, f)) c.ircIndented++;
        else if (scanMatrixLine(text, pos, end, true, f)) c.matrixIndented++;
      }
      MATRIX3_NICK.lastIndex = pos;
      if (end < text.length && MATRIX3_NICK.test(text)) {
        MATRIX3_TIME.lastIndex = end + 1;
        if (MATRIX3_TIME.test(text)) c.matrix3++;
      }
    }
    pos = end + 1;
  }
  return c;
}

/** How many leading lines `plainLogEra` looks at, and the longest line it accepts among them. */
const PLAIN_LINES = 32;
const PLAIN_MAX_LINE = 1000;

/**
 * The era of a text whose first PLAIN_LINES lines are all ordinary, unindented log lines of one
 * era, none of them long enough to be a page collapsed into one line; null for anything else
 * (page copies, chrome, collapsed text, short files), which goes through the full detection.
 */
export function plainLogEra(text: string): Era | null {
  const f = lineFields();
  let era: Era | null = null;
  let pos = 0;
  for (let i = 0; i < PLAIN_LINES; i++) {
    if (pos >= text.length) return null;
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    if (end - pos > PLAIN_MAX_LINE) return null;
    const lineEra: Era | null = scanIrcLine(text, pos, end, false, f)
      ? "irc"
      : scanMatrixLine(text, pos, end, false, f)
        ? "matrix"
        : null;
    if (lineEra === null || (era !== null && lineEra !== era)) return null;
    era = lineEra;
    pos = end + 1;
  }
  return era;
}

function countAll(re: RegExp, sample: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(sample) != null) n++;
  re.lastIndex = 0;
  return n;
}

function countSubstring(sample: string, mark: string): number {
  let n = 0;
  for (let i = sample.indexOf(mark); i !== -1; i = sample.indexOf(mark, i + mark.length)) n++;
  return n;
}

/**
 * The number of `re` matches in `sample` when it is above `limit`, else null. Every match holds
 * one of `marks` at a place of its own, so counting the marks (a plain substring search) bounds
 * the count: in an ordinary line-per-message log they are too few, and the regex scan of the whole
 * sample is skipped.
 */
function countHeadsAbove(
  re: RegExp,
  sample: string,
  marks: readonly string[],
  limit: number,
): number | null {
  let bound = 0;
  for (const mark of marks) bound += countSubstring(sample, mark);
  if (bound <= limit) return null;
  const n = countAll(re, sample);
  return n > limit ? n : null;
}

/** Whether `re` matches anywhere in `sample`; never, when none of `marks` (see above) occurs. */
function hasHead(re: RegExp, sample: string, marks: readonly string[]): boolean {
  if (!marks.some((mark) => sample.includes(mark))) return false;
  re.lastIndex = 0;
  const found = re.test(sample);
  re.lastIndex = 0;
  return found;
}

// Marks start with a character that is rare in chat text, so that the substring search is quick.
/** What every `MATRIX_HEAD` match holds: the `<@` before the sender. */
const MATRIX_HEAD_MARKS = ["<@"];
/** What every `IRC_HEAD` match holds: the `<` or `* ` after the time. */
const IRC_HEAD_MARKS = ["<", "* "];

function isHtmlName(fileName: string | undefined): boolean {
  return fileName !== undefined && /\.html?$/i.test(fileName);
}

/** One issue and no lines: nothing could be read. */
function nothing(text: string, era: Era, form: LogForm): ParsedLog {
  let why = NOTHING_READABLE;
  if (text.trim() === "") why = `empty input: ${NOTHING_READABLE}`;
  else if (/Meeting summary|Meeting started by|Action Items/.test(text.slice(0, SAMPLE))) {
    why = `${NOTHING_READABLE}; the input looks like meeting minutes (or a mail/post quoting them), not a log`;
  }
  const firstLine = text.slice(0, 200).split("\n", 1)[0] ?? "";
  return {
    era,
    form,
    lines: [],
    issues: [{ line: 1, message: why, excerpt: firstLine.slice(0, 80) }],
  };
}

/**
 * Reads a meeting log in any published form: IRC or Matrix `.log.txt`, the bots' `.log.html` markup,
 * pages rendered to text (line breaks kept or all whitespace collapsed), with page chrome, cut starts
 * and truncated ends. Never throws: what cannot be read is reported in `issues`.
 */
export function parseLog(input: string, hint?: ParseHint): ParsedLog {
  const fileName = hint?.fileName;
  const text = input.includes("\r") ? input.replace(/\r\n?/g, "\n") : input;
  const sampleEnd = Math.min(text.length, SAMPLE);
  const sample = sampleEnd === text.length ? text : text.slice(0, sampleEnd);
  const htmlName = isHtmlName(fileName);

  // The bots' own markup. Both anchors hold `"l-`: a cheap first filter (`"` is rare in chat).
  if (sample.includes('"l-')) {
    if (/<a name="l-\d+"><\/a>/.test(sample)) {
      const r = parseIrcHtml(text, fileName);
      if (r.lines.length > 0) return r;
    }
    if (/\bid="l-\d+"/.test(sample) && /class="(?:[^"]*\s)?nick(?:\s[^"]*)?"/.test(sample)) {
      const r = parseMatrixHtml(text, fileName);
      if (r.lines.length > 0) return r;
    }
  }

  // The common case, a bot's own .log.txt, is settled by its first lines alone; the statistics
  // below would scan the whole sample (for most logs, the whole file) a second time.
  const plainEra = htmlName ? null : plainLogEra(text);
  if (plainEra !== null) {
    return parseLineLog(text, {
      era: plainEra,
      form: "txt",
      indented: false,
      fileName,
      physicalN: true,
    });
  }

  const c = countLineStarts(text, sampleEnd);
  const lineForm: LogForm = htmlName ? "html-text" : "txt";

  // Whitespace collapsed: many more message starts than lines that start with one. Unless nearly
  // every line of a real multi-line file starts with one: then the surplus is someone's paste of
  // log text inside a message, and reading it as lines would let that paste forge lines.
  const lines = countSubstring(sample, "\n") + 1;
  const lineLog = lines >= 10 && Math.max(c.irc, c.matrix) >= 0.9 * lines;
  const matrixLines = Math.max(c.matrix, c.matrixIndented);
  const matrixHeads = lineLog
    ? null
    : countHeadsAbove(MATRIX_HEAD, sample, MATRIX_HEAD_MARKS, 2 * matrixLines + 1);
  if (matrixHeads !== null && matrixHeads >= 2) return parseCollapsed(text, "matrix", fileName);
  const ircLines = Math.max(c.irc, c.ircIndented);
  if (!lineLog && c.matrix3 === 0 && !hasHead(MATRIX_HEAD, sample, MATRIX_HEAD_MARKS)) {
    const ircHeads = countHeadsAbove(IRC_HEAD, sample, IRC_HEAD_MARKS, 2 * ircLines + 1);
    if (ircHeads !== null && ircHeads >= 2) {
      // Only `/me` lines keep a nick when the `<nick>` tokens were lost: bare times far outnumber them.
      const bareHeads = countAll(BARE_HEAD, sample);
      return parseCollapsed(text, bareHeads > 2 * ircHeads ? "irc-nickless" : "irc", fileName);
    }
  }

  const best = Math.max(c.irc, c.ircIndented, c.matrix, c.matrixIndented, c.matrix3);
  if (best > 0) {
    if (c.matrix3 === best) return parseMatrixThreeLine(text, fileName);
    if (c.matrix === best || c.matrixIndented === best) {
      const indented = c.matrix !== best;
      return parseLineLog(text, {
        era: "matrix",
        form: lineForm,
        indented,
        fileName,
        physicalN: lineForm === "txt" && !indented,
      });
    }
    const indented = c.irc !== best;
    return parseLineLog(text, {
      era: "irc",
      form: lineForm,
      indented,
      fileName,
      physicalN: lineForm === "txt" && !indented,
    });
  }

  // `<nick>` tokens lost and newlines collapsed: only times are left.
  if (countAll(BARE_HEAD, sample) >= 3 * (countNewlines(sample) + 1)) {
    const r = parseCollapsed(text, "irc-nickless", fileName);
    if (r.lines.length > 0 || r.issues.length > 0) return r;
  }
  return nothing(text, "irc", lineForm);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
