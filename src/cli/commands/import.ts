import type { Command } from "commander";
import { createHash } from "node:crypto";
import { aliasMap, ownersOf } from "../../core/owners.ts";
import { findLogs } from "../../io/find-logs.ts";
import { formatIssue, readLogFile } from "../../io/read-log-file.ts";
import { openStore } from "../../store/index.ts";
import { configOf } from "../context.ts";
import { EXIT } from "../exit-codes.ts";
import { Progress } from "../progress.ts";

interface ImportOptions {
  db?: string;
  channel?: string;
  quiet?: boolean;
}

export interface ImportSummary {
  files: number;
  bytes: number;
  meetings: { inserted: number; updated: number; unchanged: number };
  skippedLines: number;
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
    .option("-q, --quiet", "print only problems and the summary")
    .addHelpText(
      "after",
      "\nExit status: 0 done, 1 failure, 2 usage error, 3 done but some lines or files were skipped.",
    )
    .action(async (inputs: string[], options: ImportOptions, command: Command) => {
      const config = configOf(command);
      const summary = await importLogs(inputs, options.db ?? config.db, {
        channel: options.channel,
        bots: config.bots,
        aliases: aliasMap(config.identities),
      });
      const m = summary.meetings;
      process.stderr.write(
        `sigmeet: imported ${summary.files} files (${(summary.bytes / 1e6).toFixed(1)} MB): ` +
          `${m.inserted} meetings new, ${m.updated} updated, ${m.unchanged} unchanged` +
          (summary.skippedLines > 0 ? `; ${summary.skippedLines} lines skipped` : "") +
          (summary.filesWithoutMeeting > 0
            ? `; ${summary.filesWithoutMeeting} files without a meeting`
            : "") +
          "\n",
      );
      process.exitCode =
        summary.skippedLines > 0 || summary.filesWithoutMeeting > 0 ? EXIT.skipped : EXIT.ok;
    });
}

/**
 * Streams logs into the store one file at a time (one transaction per meeting), so memory stays
 * flat however large the archive is.
 */
export async function importLogs(
  inputs: readonly string[],
  dbPath: string,
  options: {
    channel?: string | undefined;
    bots: readonly string[];
    aliases: ReturnType<typeof aliasMap>;
  },
): Promise<ImportSummary> {
  // A first pass over the names only, so the progress bar knows the total.
  let totalBytes = 0;
  if (process.stderr.isTTY) for await (const f of findLogs(inputs)) totalBytes += f.bytes;
  const progress = new Progress(totalBytes);
  const store = openStore(dbPath);
  const summary: ImportSummary = {
    files: 0,
    bytes: 0,
    meetings: { inserted: 0, updated: 0, unchanged: 0 },
    skippedLines: 0,
    filesWithoutMeeting: 0,
  };
  try {
    for await (const file of findLogs(inputs)) {
      const log = await readLogFile(file.path, { channel: options.channel, bots: options.bots });
      progress.update(summary.bytes, file.path);
      if (log.issues.length > 0) progress.done();
      for (const issue of log.issues) process.stderr.write(`${formatIssue(file.path, issue)}\n`);
      summary.skippedLines += log.issues.length;
      if (log.meetings.length === 0) summary.filesWithoutMeeting++;
      const sha256 = createHash("sha256").update(log.bytes).digest("hex");
      for (const meeting of log.meetings) {
        const result = store.importMeeting(meeting, { path: file.path, sha256 }, (item) =>
          ownersOf(item, meeting.attendees, options.aliases),
        );
        summary.meetings[result.status]++;
      }
      summary.files++;
      summary.bytes += file.bytes;
    }
  } finally {
    progress.done();
    store.close();
  }
  return summary;
}
