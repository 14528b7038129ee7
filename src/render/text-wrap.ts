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

/**
 * Python 2.7's `unicode.isspace()` set (what `\s` matches under `re.UNICODE`): `\t\n\v\f\r`,
 * `\x1c`-`\x1f`, space, `\x85`, `\xa0`, `\u1680`, `\u180e`, `\u2000`-`\u200a`, `\u2028`,
 * `\u2029`, `\u202f`, `\u205f`, `\u3000`. Tested per UTF-16 unit: no surrogate is a space.
 */
function isPy2Space(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    c === 0x180e ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** `string.whitespace` in Python 2: the characters `replace_whitespace` turns into spaces. */
const ASCII_WS_RE = /[\t\n\v\f\r]/g;

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

/** Code points in `s[start, end)`: a high surrogate followed by a low one counts once. */
function codePointLength(s: string, start: number, end: number): number {
  let n = end - start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** End of the chunk (a run of spaces, or of non-spaces) that starts at `pos`. */
function chunkEnd(s: string, pos: number): number {
  const space = isPy2Space(s.charCodeAt(pos));
  let i = pos + 1;
  while (i < s.length && isPy2Space(s.charCodeAt(i)) === space) i++;
  return i;
}

/** What `wrapPlain` cannot take: `\t`-`\r`, the Python 2 spaces other than ` `, surrogates. */
const NOT_PLAIN =
  // eslint-disable-next-line no-control-regex -- \x1c-\x1f are Python 2 whitespace
  /[\t-\r\x1c-\x1f\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\uD800-\uDFFF]/;

/** Printable ASCII is always plain: the longer `NOT_PLAIN` is only tried on other text. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * `wrapText` for text whose only whitespace is ` ` and whose length is its `.length` (almost every
 * minutes item). Fast path: instead of walking the chunks, each line jumps to the farthest column
 * it may reach and backs up to the last chunk boundary, so the cost is per line, not per character.
 */
function wrapPlain(
  s: string,
  width: number,
  initialIndent: string,
  subsequentIndent: string,
): string[] {
  const lines: string[] = [];
  const n = s.length;
  const space = (i: number): boolean => s.charCodeAt(i) === 32;
  let pos = 0; // start of the next chunk to place
  while (pos < n) {
    const indent = lines.length > 0 ? subsequentIndent : initialIndent;
    const room = width - indent.length;
    // drop_whitespace: a continuation line never starts with whitespace.
    if (lines.length > 0) while (pos < n && space(pos)) pos++;
    if (pos === n) break;
    const start = pos;
    const limit = start + room;
    // `end`: the end of the last chunk placed, the last chunk boundary in (start, limit].
    let end: number;
    if (limit >= n) end = n;
    else {
      end = limit;
      const inSpace = space(limit);
      while (end > start && space(end - 1) === inSpace) end--;
      if (end <= start) {
        // break_long_words=False: the first chunk is longer than the line; it goes alone.
        end = Math.max(start + 1, limit);
        while (end < n && space(end) === space(start)) end++;
      }
    }
    pos = end;
    // drop_whitespace: a line does not end with whitespace.
    while (end > start && space(end - 1)) end--;
    if (end > start) lines.push(indent + s.slice(start, end));
  }
  return lines;
}

/** `TextWrapper.wrap`: the wrapped lines, without newlines. */
export function wrapText(text: string, options: WrapOptions = {}): string[] {
  const width = options.width ?? 72;
  const initialIndent = options.initialIndent ?? "";
  const subsequentIndent = options.subsequentIndent ?? "";
  if (!NOT_PRINTABLE_ASCII.test(text) || !NOT_PLAIN.test(text))
    return wrapPlain(text, width, initialIndent, subsequentIndent);

  // expand_tabs and replace_whitespace; lengths count code points only when surrogates occur.
  let s = text;
  let surrogates = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x09 && c <= 0x0d) {
      s = expandTabs(s).replace(ASCII_WS_RE, " ");
      surrogates = /[\uD800-\uDFFF]/.test(s);
      break;
    }
    if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
  }
  const len = (start: number, end: number): number =>
    surrogates ? codePointLength(s, start, end) : end - start;

  // The general case: one scan over the chunks (runs of spaces or of non-spaces). Chunks are
  // contiguous, so a line is one slice from its first kept chunk to its last.
  const lines: string[] = [];
  const n = s.length;
  let pos = 0; // start of the next chunk to place
  while (pos < n) {
    const indent = lines.length > 0 ? subsequentIndent : initialIndent;
    const room = width - (surrogates ? codePointLength(indent, 0, indent.length) : indent.length);
    // drop_whitespace: a continuation line never starts with whitespace.
    if (lines.length > 0 && isPy2Space(s.charCodeAt(pos))) pos = chunkEnd(s, pos);
    const start = pos;
    let lastChunk = -1; // start of the last chunk placed on this line
    let used = 0;
    while (pos < n) {
      const end = chunkEnd(s, pos);
      const l = len(pos, end);
      if (used + l > room) {
        // break_long_words=False: a word too long for any line goes alone on an empty line.
        if (pos === start && l > room) {
          lastChunk = pos;
          pos = end;
        }
        break;
      }
      used += l;
      lastChunk = pos;
      pos = end;
    }
    let end = pos;
    if (end > start && isPy2Space(s.charCodeAt(lastChunk))) end = lastChunk;
    if (end > start) lines.push(indent + s.slice(start, end));
  }
  return lines;
}

/** `TextWrapper.fill`: the wrapped lines joined by `\n`. */
export function fillText(text: string, options: WrapOptions = {}): string {
  const lines = wrapText(text, options);
  // Joined by hand: cheaper than `Array.prototype.join` for the one to three lines of an item.
  let out = lines[0] ?? "";
  for (let i = 1; i < lines.length; i++) out += "\n" + (lines[i] ?? "");
  return out;
}

/**
 * MeetBot's `wrapList(item, indent)`: width 72, `indent` spaces before the first line and
 * `indent + 2` before the others.
 */
export function wrapList(item: string, indent: number): string {
  const pad = " ".repeat(indent);
  return fillText(item, { width: 72, initialIndent: pad, subsequentIndent: pad + "  " });
}
