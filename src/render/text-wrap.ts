/**
 * Python 2.7 `textwrap.TextWrapper` as MeetBot 0.1.4 used it (`writers.wrapList`, `replaceWRAP`):
 *
 * - MeetBot subclasses `TextWrapper` with `wordsep_re = (\s+)`, so text is split on whitespace
 *   only; hyphenated words and URLs (`asamalik-fedora-magazine`) are never split (the published
 *   minutes confirm it). The text is a `unicode` object, so `\s` is the Unicode whitespace set of
 *   Python 2.7 and lengths count code points.
 * - `break_long_words=False`: a word longer than the line takes a line of its own.
 * - Defaults otherwise: `expand_tabs` (tab size 8), `replace_whitespace` (each ASCII whitespace
 *   character becomes one space), `drop_whitespace` (whitespace at the start of a continuation
 *   line and at the end of every line is dropped; leading whitespace of the first line is kept),
 *   no sentence-ending fix-ups. Runs of spaces inside a line are kept.
 */

export interface WrapOptions {
  /** Maximum line length in code points, indent included. Default 72. */
  readonly width?: number;
  /** Prefix of the first line. Default "". */
  readonly initialIndent?: string;
  /** Prefix of the other lines. Default "". */
  readonly subsequentIndent?: string;
}

/** Python 2.7's `unicode.isspace()` set (what `\s` matches under `re.UNICODE`). */
const PY2_SPACE_CLASS =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u180e\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const CHUNK_RE = new RegExp(`[${PY2_SPACE_CLASS}]+|[^${PY2_SPACE_CLASS}]+`, "g");
const ALL_SPACE_RE = new RegExp(`^[${PY2_SPACE_CLASS}]*$`);
/** `string.whitespace` in Python 2: the characters `replace_whitespace` turns into spaces. */
const ASCII_WS_RE = /[\t\n\v\f\r]/g;
const SURROGATE_RE = /[\uD800-\uDFFF]/;

/** Python 2 `unicode.expandtabs()` with tab size 8: columns restart after `\n` and `\r`. */
function expandTabs(text: string): string {
  if (!text.includes("\t")) return text;
  const out: string[] = [];
  let column = 0;
  for (const ch of text) {
    if (ch === "\t") {
      const n = 8 - (column % 8);
      out.push(" ".repeat(n));
      column += n;
    } else {
      out.push(ch);
      column = ch === "\n" || ch === "\r" ? 0 : column + 1;
    }
  }
  return out.join("");
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** `TextWrapper.wrap`: the wrapped lines, without newlines. */
export function wrapText(text: string, options: WrapOptions = {}): string[] {
  const width = options.width ?? 72;
  const initialIndent = options.initialIndent ?? "";
  const subsequentIndent = options.subsequentIndent ?? "";
  const munged = expandTabs(text).replace(ASCII_WS_RE, " ");
  const chunks = munged.match(CHUNK_RE) ?? [];
  const len = SURROGATE_RE.test(munged) ? codePointLength : (s: string): number => s.length;
  const isSpace = (s: string): boolean => ALL_SPACE_RE.test(s);

  const lines: string[] = [];
  let next = 0; // index of the next chunk to place
  while (next < chunks.length) {
    const indent = lines.length > 0 ? subsequentIndent : initialIndent;
    const room = width - len(indent);
    // drop_whitespace: a continuation line never starts with whitespace.
    if (lines.length > 0 && isSpace(chunks[next] ?? "")) next++;
    const start = next;
    let used = 0;
    while (next < chunks.length) {
      const l = len(chunks[next] ?? "");
      if (used + l > room) break;
      used += l;
      next++;
    }
    // break_long_words=False: a word too long for any line goes alone on an empty line.
    if (next === start && next < chunks.length && len(chunks[next] ?? "") > room) next++;
    let end = next;
    if (end > start && isSpace(chunks[end - 1] ?? "")) end--;
    if (end > start) lines.push(indent + chunks.slice(start, end).join(""));
  }
  return lines;
}

/** `TextWrapper.fill`: the wrapped lines joined by `\n`. */
export function fillText(text: string, options: WrapOptions = {}): string {
  return wrapText(text, options).join("\n");
}

/**
 * MeetBot's `wrapList(item, indent)`: width 72, `indent` spaces before the first line and
 * `indent + 2` before the others.
 */
export function wrapList(item: string, indent: number): string {
  const pad = " ".repeat(indent);
  return fillText(item, { width: 72, initialIndent: pad, subsequentIndent: `${pad}  ` });
}
