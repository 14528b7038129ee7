import { Option, type Command } from "commander";
import { aliasMap } from "../../core/owners.ts";
import { MINUTES_FORMATS, renderMeeting, type MinutesFormat } from "../../app/render-meeting.ts";
import { findLogs } from "../../io/find-logs.ts";
import { formatIssue, readLogFile } from "../../io/read-log-file.ts";
import { writeMeetingFiles } from "../../io/write-meeting-files.ts";
import { configOf } from "../context.ts";
import { EXIT, UsageError } from "../exit-codes.ts";

interface MinutesOptions {
  format: MinutesFormat | "all";
  out?: string;
  channel?: string;
}

export function registerMinutes(program: Command): void {
  program
    .command("minutes")
    .description("regenerate minutes from meeting logs (IRC or Matrix era, .log.txt or .log.html)")
    .argument("<inputs...>", "log files or directories of logs")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices([...MINUTES_FORMATS, "all"])
        .default("text"),
    )
    .option(
      "-o, --out <dir>",
      "write files named and laid out as Fedora publishes them, under this directory",
    )
    .option(
      "--channel <channel>",
      "channel or room alias, when the path does not say (default #fedora-meeting)",
    )
    .addHelpText(
      "after",
      `
Without --out, the minutes of a single meeting go to standard output; with --format json, several
meetings are printed as JSON Lines. --format log writes the raw log back in the bot's own .log.txt
form. --format all (with --out) writes .txt, .html, .log.txt, .log.html, .md and .json for every
meeting.

Exit status: 0 done, 1 failure, 2 usage error, 3 done but some lines or files were skipped.`,
    )
    .action((inputs: string[], options: MinutesOptions, command: Command) => {
      const config = configOf(command);
      const ctx = { aliases: aliasMap(config.identities), logUrlBase: config.logUrlBase };
      const formats: MinutesFormat[] =
        options.format === "all" ? [...MINUTES_FORMATS] : [options.format];
      if (options.format === "all" && options.out === undefined)
        throw new UsageError("--format all needs --out DIR");
      let skipped = false;
      let printed = 0;
      let pending: string | null = null;
      let written = 0;
      for (const file of findLogs(inputs)) {
        const log = readLogFile(file.path, { channel: options.channel, bots: config.bots });
        for (const issue of log.issues) process.stderr.write(`${formatIssue(file.path, issue)}\n`);
        if (log.issues.length > 0) skipped = true;
        for (const meeting of log.meetings) {
          if (options.out !== undefined) {
            written += writeMeetingFiles(meeting, options.out, formats, ctx).length;
            continue;
          }
          const text = renderMeeting(meeting, options.format as MinutesFormat, ctx);
          if (options.format === "json") {
            process.stdout.write(text);
          } else if (pending === null && printed === 0) {
            pending = text; // held back until we know it is the only meeting
          } else {
            throw new UsageError(
              "several meetings found: use --out DIR to write one file each, or --format json for JSON Lines",
            );
          }
          printed++;
        }
      }
      if (pending !== null) process.stdout.write(pending);
      if (options.out !== undefined)
        process.stderr.write(`sigmeet: wrote ${written} files under ${options.out}\n`);
      process.exitCode = skipped ? EXIT.skipped : EXIT.ok;
    });
}
