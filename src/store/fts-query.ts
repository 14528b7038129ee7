/**
 * Words as FTS5's unicode61 tokenizer sees them: runs of letters, numbers and private-use
 * characters; everything else separates.
 */
export const WORD = /[\p{L}\p{N}\p{Co}]+/gu;
const ASCII = /^\p{ASCII}*$/u;

/**
 * How to cut the user's words into FTS5 strings. "words": one string per word. "fine": words with
 * non-ASCII characters are cut into single characters. On the detail=none log index a string
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
  const words = queryWords(text);
  if (words.length === 0) return null;
  // Array.from cuts into code points, which is the point here (not graphemes).
  const pieces =
    split === "words" ? words : words.flatMap((w) => (ASCII.test(w) ? [w] : Array.from(w)));
  return pieces.map((piece) => `"${piece.replaceAll('"', '""')}"`).join(" ");
}

/** The error FTS5 raises for a phrase on a detail=none/column index. */
export function isPhraseUnsupported(error: unknown): boolean {
  return error instanceof Error && error.message.includes("phrase queries are not supported");
}

/** The words of `text` (see WORD), as toFtsQuery cuts them with the "words" split. */
export function queryWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

const NON_ASCII = /[^\p{ASCII}]/u;
const MARKS = /\p{M}/gu;

/**
 * A word (or any text) folded the way the unicode61 tokenizer compares tokens: case folded and,
 * for non-ASCII text, diacritics removed. Folding is character by character (final sigma aside,
 * which is folded to σ), so the fold of a word occurs in the fold of any text that holds it.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize("NFD").replace(MARKS, "").replaceAll("ς", "σ");
}
