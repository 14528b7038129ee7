import { readFileSync } from "node:fs";
import { loadMeetings, type LoadedLog, type LoadOptions } from "../app/load-meetings.ts";
import type { ParseIssue } from "../core/log-line.ts";
import { decodeLog } from "../core/parse/decode.ts";

export interface ReadLog extends LoadedLog {
  /** Decoding and parsing problems, each with its physical line number. */
  readonly issues: readonly ParseIssue[];
}

/** Reads a file's bytes; the error names the file and says what is wrong in plain words. */
export function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : (err as Error).message;
    throw new Error(`${path}: ${reason}`, { cause: err });
  }
}

/** Decodes, parses and folds the bytes of one log file. */
export function loadLogBytes(path: string, bytes: Uint8Array, options: LoadOptions): ReadLog {
  const decoded = decodeLog(bytes);
  const loaded = loadMeetings(decoded.text, path, options);
  return { ...loaded, issues: [...decoded.issues, ...loaded.issues] };
}

/** Reads, decodes, parses and folds one log file. */
export function readLogFile(path: string, options: LoadOptions): ReadLog {
  return loadLogBytes(path, readBytes(path), options);
}

/** `path:line: message: "excerpt"`, the shape compilers use, so editors can jump to it. */
export function formatIssue(path: string, issue: ParseIssue): string {
  const excerpt = issue.excerpt === "" ? "" : `: ${JSON.stringify(issue.excerpt)}`;
  return `${path}:${issue.line}: ${issue.message}${excerpt}`;
}
