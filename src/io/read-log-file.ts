import { readFile } from "node:fs/promises";
import { loadMeetings, type LoadedLog, type LoadOptions } from "../app/load-meetings.ts";
import type { ParseIssue } from "../core/log-line.ts";
import { decodeLog } from "../core/parse/decode.ts";

export interface ReadLog extends LoadedLog {
  /** Decoding and parsing problems, each with its physical line number. */
  readonly issues: readonly ParseIssue[];
  readonly bytes: Uint8Array;
}

/** Reads, decodes, parses and folds one log file. */
export async function readLogFile(path: string, options: LoadOptions): Promise<ReadLog> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
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
  const decoded = decodeLog(bytes);
  const loaded = loadMeetings(decoded.text, path, options);
  return { ...loaded, bytes, issues: [...decoded.issues, ...loaded.issues] };
}

/** `path:line: message (excerpt)`, the shape compilers use, so editors can jump to it. */
export function formatIssue(path: string, issue: ParseIssue): string {
  const excerpt = issue.excerpt === "" ? "" : `: ${JSON.stringify(issue.excerpt)}`;
  return `${path}:${issue.line}: ${issue.message}${excerpt}`;
}
