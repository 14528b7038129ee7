/**
 * Words as FTS5's unicode61 tokenizer sees them: runs of letters, numbers and private-use
 * characters; everything else separates.
 */
const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
const ASCII = /^\p{ASCII}*$/u;

/**
 * How to cut the user's words into FTS5 strings. "words": one string per word. "fine": words with
 * non-ASCII characters are cut into single characters. On the detail=none lines index a string
 * holding two tokens is a phrase, which that index refuses; "words" can produce one when SQLite's
 * Unicode tables (older than JavaScript's) see a separator inside a word, e.g. U+1CF2. "fine" never
 * can (an ASCII alphanumeric run and a single character are at most one token each), so it is the
 * retry for that error.
 */
export type FtsSplit = "words" | "fine";

/**
 * Turns user text into a safe FTS5 query: every piece quoted as an FTS5 string, all of them ANDed.
 * Operators (`NEAR`, `AND`, `-`, `*`, `:`, `^`, parentheses, quotes) are either separators or
 * quoted, so no input is a syntax error. Returns null when the text has no word at all.
 */
export function toFtsQuery(text: string, split: FtsSplit = "words"): string | null {
  const words = text.match(WORD);
  if (words == null) return null;
  // Array.from cuts into code points, which is the point here (not graphemes).
  const pieces =
    split === "words" ? words : words.flatMap((w) => (ASCII.test(w) ? [w] : Array.from(w)));
  return pieces.map((piece) => `"${piece.replaceAll('"', '""')}"`).join(" ");
}

/** The error FTS5 raises for a phrase on a detail=none/column index. */
export function isPhraseUnsupported(error: unknown): boolean {
  return error instanceof Error && error.message.includes("phrase queries are not supported");
}
