import type { ParsedLog, ParseIssue } from "../log-line.ts";
import { decodeLog, utf8Fatal } from "./decode.ts";
import { parseLog, plainLogEra, type ParseHint } from "./parse-log.ts";
import { parseLineLogChunks } from "./text-lines.ts";

export interface ParsedBytes {
  readonly parsed: ParsedLog;
  /** Decoding problems (lines that were not UTF-8), before the parser's own issues. */
  readonly decodeIssues: readonly ParseIssue[];
}

/**
 * Pieces of at most this many bytes. V8 puts a string of more than 128 KiB in its large-object
 * space, and a log with one character beyond Latin-1 is stored two bytes a character: such a file
 * above ~64 KB decoded in one piece cost ~0.7 ms in allocation alone (10× the decoding), which made
 * decoding the slowest stage of an import. 32 KB pieces stay well below that.
 */
const PIECE = 32 * 1024;

/** UTF-8 bytes decoded in newline-aligned pieces, or null if they are not valid UTF-8. */
function decodePieces(body: Uint8Array): string[] | null {
  const pieces: string[] = [];
  let start = 0;
  try {
    while (start < body.length) {
      // A LF byte never occurs inside a UTF-8 sequence, so cutting after one is always safe.
      let cut = body.length;
      if (body.length - start > PIECE) {
        const lf = body.lastIndexOf(0x0a, start + PIECE);
        cut = lf > start ? lf : body.indexOf(0x0a, start + PIECE);
        if (cut === -1) cut = body.length;
      }
      pieces.push(utf8Fatal.decode(body.subarray(start, cut)));
      start = cut + 1; // the LF itself is left out: it is the line end between two pieces
      if (cut === body.length) break;
      if (start === body.length) pieces.push(""); // the file ended with a LF
    }
  } catch {
    return null;
  }
  return pieces;
}

function hasBom(bytes: Uint8Array): boolean {
  return (
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff)
  );
}

/**
 * Decodes and parses a log file's bytes: `parseLog(decodeLog(bytes).text)`, with a faster path for
 * the common case, a bot's own UTF-8 `.log.txt`, which is decoded and parsed in pieces.
 */
export function parseLogBytes(bytes: Uint8Array, hint?: ParseHint): ParsedBytes {
  const htmlName = hint?.fileName !== undefined && /\.html?$/i.test(hint.fileName);
  if (!htmlName && !hasBom(bytes) && bytes.length > PIECE && bytes.indexOf(0x0d) === -1) {
    const pieces = decodePieces(bytes);
    const era = pieces === null ? null : plainLogEra(pieces[0] ?? "");
    if (pieces !== null && era !== null) {
      const parsed = parseLineLogChunks(pieces, {
        era,
        form: "txt",
        indented: false,
        fileName: hint?.fileName,
        physicalN: true,
      });
      return { parsed, decodeIssues: [] };
    }
  }
  const decoded = decodeLog(bytes);
  return { parsed: parseLog(decoded.text, hint), decodeIssues: decoded.issues };
}
