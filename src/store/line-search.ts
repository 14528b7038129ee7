import { foldText, queryWords, WORD } from "./fts-query.ts";
import { decodeLogMeta, forEachLogRow, type LogColumns, type LogMeta } from "./log-rows.ts";

/** Marks around matches in SearchHit.snippet; renderers replace them with their own markup. */
export const SNIPPET_OPEN = "«";
export const SNIPPET_CLOSE = "»";
/** Tokens a snippet shows at most, as FTS5's snippet() was asked for. */
export const SNIPPET_TOKENS = 16;
const ELLIPSIS = "…";

/**
 * Decides whether one log line matches a search and builds its snippet. The log FTS index only
 * says which meetings hold every word somewhere; this picks the lines that hold them all. Words
 * are cut as toFtsQuery cuts them and compared folded (see foldText), as FTS5 compares tokens, so
 * a line matches when each query word is one of its words.
 */
export class LineMatcher {
  readonly #words: readonly string[];

  private constructor(words: readonly string[]) {
    this.#words = words;
  }

  /** Null when the query has no word (nothing can match). */
  static of(query: string): LineMatcher | null {
    const words = [...new Set(queryWords(query).map(foldText))];
    return words.length === 0 ? null : new LineMatcher(words);
  }

  /** Whether `text` (say, a whole meeting log) may hold a matching line: a cheap necessary test. */
  mayMatch(text: string): boolean {
    const folded = foldText(text);
    return this.#words.every((word) => folded.includes(word));
  }

  /** The snippet of `text` if it holds every query word, else null. */
  snippet(text: string): string | null {
    if (!this.mayMatch(text)) return null;
    const tokens = [...text.matchAll(WORD)];
    const hit = tokens.map((token) => this.#words.includes(foldText(token[0])));
    const found = new Set<string>();
    tokens.forEach((token, i) => {
      if (hit[i] === true) found.add(foldText(token[0]));
    });
    if (found.size < this.#words.length) return null;
    return buildSnippet(text, tokens, hit);
  }
}

/**
 * Calls `hit` with the meta fields and snippet of each line of `log` that matches, last line
 * first, until it returns false. Walks the text and meta records in step; only the text decides
 * a match, and only a matching line's meta is decoded.
 */
export function searchLog(
  matcher: LineMatcher,
  log: LogColumns,
  hit: (line: LogMeta, snippet: string) => boolean,
): void {
  if (!matcher.mayMatch(log.text)) return;
  forEachLogRow(
    log,
    (textStart, textEnd, metaStart, metaEnd) => {
      const snippet = matcher.snippet(log.text.slice(textStart, textEnd));
      return snippet === null || hit(decodeLogMeta(log.meta, metaStart, metaEnd), snippet);
    },
    true,
  );
}

/**
 * The text around the best window of SNIPPET_TOKENS tokens (the one with most matches, centred on
 * them), matches wrapped in SNIPPET_OPEN/SNIPPET_CLOSE and an ellipsis where text was cut, as
 * FTS5's snippet() does.
 */
function buildSnippet(
  text: string,
  tokens: readonly RegExpExecArray[],
  hit: readonly boolean[],
): string {
  const count = tokens.length;
  let start = 0;
  if (count > SNIPPET_TOKENS) {
    let best = -1;
    for (let s = 0; s < count; s++) {
      if (hit[s] !== true) continue;
      let score = 0;
      for (let i = s; i < Math.min(count, s + SNIPPET_TOKENS); i++) if (hit[i] === true) score++;
      if (score > best) {
        best = score;
        start = s;
      }
    }
    let last = start;
    for (let i = start; i < Math.min(count, start + SNIPPET_TOKENS); i++)
      if (hit[i] === true) last = i;
    const slack = SNIPPET_TOKENS - (last - start + 1);
    start = Math.max(0, Math.min(start - Math.floor(slack / 2), count - SNIPPET_TOKENS));
  }
  const end = Math.min(count, start + SNIPPET_TOKENS);
  let out = start > 0 ? ELLIPSIS : "";
  let at = start > 0 ? (tokens[start]?.index ?? 0) : 0;
  tokens.slice(start, end).forEach((token, i) => {
    out += text.slice(at, token.index);
    out += hit[start + i] === true ? SNIPPET_OPEN + token[0] + SNIPPET_CLOSE : token[0];
    at = token.index + token[0].length;
  });
  out += end < count ? ELLIPSIS : text.slice(at);
  return out;
}
