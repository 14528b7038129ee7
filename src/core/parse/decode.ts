import type { ParseIssue } from "../log-line.ts";
import { excerpt } from "./issues.ts";

export interface DecodedLog {
  readonly text: string;
  /** `utf-8`, `utf-16le`, `utf-16be`, or `utf-8+windows-1252` when some lines were not UTF-8. */
  readonly encoding: string;
  readonly issues: ParseIssue[];
}

/** Throws on bytes that are not UTF-8; the BOM is handled by the callers. */
export const utf8Fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const cp1252 = new TextDecoder("windows-1252");

/**
 * Bytes of a log file to text. UTF-8 (BOM stripped) is tried on the whole buffer first; only when that
 * fails is the file read line by line, and the lines that are not UTF-8 are read as windows-1252 (old
 * IRC logs mix encodings) and reported. UTF-16 is recognised by its BOM.
 */
export function decodeLog(bytes: Uint8Array): DecodedLog {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder("utf-16le").decode(bytes.subarray(2)),
      encoding: "utf-16le",
      issues: [],
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder("utf-16be").decode(bytes.subarray(2)),
      encoding: "utf-16be",
      issues: [],
    };
  }
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? bytes.subarray(3)
      : bytes;
  try {
    return { text: utf8Fatal.decode(body), encoding: "utf-8", issues: [] };
  } catch {
    return decodeMixed(body);
  }
}

/** Line by line: a line ends at LF, CRLF or a lone CR (as the parser counts lines). */
function decodeMixed(body: Uint8Array): DecodedLog {
  const parts: string[] = [];
  const issues: ParseIssue[] = [];
  const len = body.length;
  let start = 0;
  let lineNo = 1;

  while (start < len) {
    // Find the end of this line, terminator included.
    let end = len;
    for (let i = start; i < len; i++) {
      const b = body[i];
      if (b === 0x0a) {
        end = i + 1;
        break;
      }
      if (b === 0x0d) {
        end = body[i + 1] === 0x0a ? i + 2 : i + 1;
        break;
      }
    }
    const seg = body.subarray(start, end);
    let s: string;
    try {
      s = utf8Fatal.decode(seg);
    } catch {
      s = cp1252.decode(seg);
      issues.push({
        line: lineNo,
        message: `line ${lineNo}: not UTF-8, read as windows-1252`,
        excerpt: excerpt(s.replace(/[\r\n]+$/, "")),
      });
    }
    parts.push(s);
    lineNo++;
    start = end;
  }
  return { text: parts.join(""), encoding: "utf-8+windows-1252", issues };
}
