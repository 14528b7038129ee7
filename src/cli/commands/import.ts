import type { Command } from "commander";
import { hash } from "node:crypto";
import { aliasMap, ownersOf } from "../../core/owners.ts";
import { findLogs } from "../../io/find-logs.ts";
import { loadMeetingsFromBytes } from "../../app/load-meetings.ts";
import { formatIssue, ReusableReader } from "../../io/read-log-file.ts";
import { openStore } from "../../store/index.ts";
import { configOf } from "../context.ts";
import { EXIT } from "../exit-codes.ts";
import { Progress } from "../progress.ts";

interface ImportOptions {
  db?: string;
  channel?: string;
}

export interface ImportSummary {
  files: number;
  /** Files whose exact bytes were imported before: not parsed again. */
  filesSeen: number;
  bytes: number;
  meetings: { inserted: number; updated: number; unchanged: number };
  /** Lines or files reported as unreadable. */
  problems: number;
  filesWithoutMeeting: number;
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description(
      "import meeting logs into the SQLite store (re-importing the same log changes nothing)",
    )
    .argument("<inputs...>", "log files or directories of logs")
    .option("--db <file>", "SQLite database (default: the config's db, ./sigmeet.db)")
    .option("--channel <channel>", "channel or room alias, when the path does not say")
    .addHelpText(
      "after",
      "\nExit status: 0 done, 1 failure, 2 usage error, 3 done but some lines or files were skipped.",
    )
    .action((inputs: string[], options: ImportOptions, command: Command) => {
      const config = configOf(command);
      const summary = importLogs(inputs, options.db ?? config.db, {
        channel: options.channel,
        bots: config.bots,
        aliases: aliasMap(config.identities),
      });
      const m = summary.meetings;
      process.stderr.write(
        `sigmeet: imported ${summary.files} files (${(summary.bytes / 1e6).toFixed(1)} MB): ` +
          `${m.inserted} meetings new, ${m.updated} updated, ${m.unchanged} unchanged` +
          (summary.filesSeen > 0
            ? `; ${summary.filesSeen} files already imported, unchanged`
            : "") +
          (summary.problems > 0 ? `; ${summary.problems} problems reported above` : "") +
          (summary.filesWithoutMeeting > 0
            ? `; ${summary.filesWithoutMeeting} files without a meeting`
            : "") +
          "\n",
      );
      process.exitCode =
        summary.problems > 0 || summary.filesWithoutMeeting > 0 ? EXIT.skipped : EXIT.ok;
    });
}

/** From this many files on, an import is a bulk import (see importLogs). */
const BULK_FILES = 100;

/**
 * Streams logs into the store one file at a time, so memory stays flat however large the archive
 * is; each meeting is written atomically. A file whose exact bytes were imported before is not
 * even parsed. An import of BULK_FILES files or more is a bulk import: commits are batched and the
 * search indexes are rebuilt once at the end (an interrupted run is repaired when the store is
 * next opened).
 */
export function importLogs(
  inputs: readonly string[],
  dbPath: string,
  options: {
    channel?: string | undefined;
    bots: readonly string[];
    aliases: ReturnType<typeof aliasMap>;
  },
): ImportSummary {
  // A first pass over the names only (no file is read): the progress bar's total, and whether this
  // is a bulk import. A bulk import rebuilds the search indexes once at the end, which is much
  // faster for an archive but would make adding a few logs to a large database slow.
  let totalBytes = 0;
  let totalFiles = 0;
  for (const f of findLogs(inputs)) {
    totalBytes += f.bytes;
    totalFiles++;
  }
  const progress = new Progress(totalBytes);
  const reader = new ReusableReader();
  const store = openStore(dbPath);
  const summary: ImportSummary = {
    files: 0,
    filesSeen: 0,
    bytes: 0,
    meetings: { inserted: 0, updated: 0, unchanged: 0 },
    problems: 0,
    filesWithoutMeeting: 0,
  };
  try {
    const run = (body: () => void): void => {
      if (totalFiles >= BULK_FILES) store.bulkImport(body);
      else body();
    };
    run(() => {
      for (const file of findLogs(inputs)) {
        progress.update(summary.bytes, file.path);
        summary.files++;
        summary.bytes += file.bytes;
        const bytes = reader.read(file.path);
        const sha256 = hash("sha256", bytes);
        if (store.hasSource(sha256)) {
          summary.filesSeen++;
          continue;
        }
        const log = loadMeetingsFromBytes(bytes, file.path, {
          channel: options.channel,
          bots: options.bots,
        });
        if (log.issues.length > 0) progress.done();
        for (const issue of log.issues) process.stderr.write(`${formatIssue(file.path, issue)}\n`);
        summary.problems += log.issues.length;
        if (log.meetings.length === 0) summary.filesWithoutMeeting++;
        for (const meeting of log.meetings) {
          const result = store.importMeeting(meeting, { path: file.path, sha256 }, (item) =>
            ownersOf(item, meeting.attendees, options.aliases),
          );
          summary.meetings[result.status]++;
        }
      }
    });
  } finally {
    progress.done();
    store.close();
  }
  return summary;
}
