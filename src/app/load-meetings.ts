import { foldMeetings } from "../core/fold-meeting.ts";
import type { ParsedLog, ParseIssue } from "../core/log-line.ts";
import type { Meeting } from "../core/meeting.ts";
import { parseLogBytes } from "../core/parse/parse-bytes.ts";
import { parseLog } from "../core/parse/parse-log.ts";
import { describeSourcePath } from "../core/source-path.ts";
import type { Dialect } from "../core/commands.ts";
import { sigmeetBotOf } from "../core/sigmeet-log.ts";

export interface LoadOptions {
  /** Overrides the channel the file's directory names. */
  readonly channel?: string | undefined;
  readonly bots: readonly string[];
  readonly dialect?: Dialect | undefined;
}

export interface LoadedLog {
  readonly fileName: string;
  readonly parsed: ParsedLog;
  readonly meetings: Meeting[];
  /** Decoding and parsing problems, plus one when the log holds no meeting at all. */
  readonly issues: readonly ParseIssue[];
}

/** Fedora's default meeting places, used when a file's path does not name its channel. */
const DEFAULT_CHANNEL = { irc: "#fedora-meeting", matrix: "#meeting:fedoraproject.org" } as const;

/** Parses a decoded log and folds it into meetings. Pure: the caller reads the file. */
export function loadMeetings(text: string, fileName: string, options: LoadOptions): LoadedLog {
  return foldParsed(parseLog(text, { fileName }), [], fileName, options);
}

/** Decodes, parses and folds a log file's bytes. Pure: the caller reads the file. */
export function loadMeetingsFromBytes(
  bytes: Uint8Array,
  fileName: string,
  options: LoadOptions,
): LoadedLog {
  const { parsed, decodeIssues } = parseLogBytes(bytes, { fileName });
  return foldParsed(parsed, decodeIssues, fileName, options);
}

function foldParsed(
  parsed: ParsedLog,
  decodeIssues: readonly ParseIssue[],
  fileName: string,
  options: LoadOptions,
): LoadedLog {
  const source = describeSourcePath(fileName);
  const channel = options.channel ?? source.channel ?? DEFAULT_CHANNEL[parsed.era];
  // A log sigmeet's bot wrote folds with the bot's rules, its own lines never taken as commands.
  const bot =
    options.dialect === undefined && parsed.era === "matrix" ? sigmeetBotOf(parsed.lines) : null;
  const dialect = bot === null ? options.dialect : "sigmeet";
  const meetings = foldMeetings(parsed.lines, {
    era: parsed.era,
    channel,
    bots: bot === null || options.bots.includes(bot) ? options.bots : [...options.bots, bot],
    ...(dialect === undefined ? {} : { dialect }),
  });
  const issues =
    meetings.length === 0 && parsed.lines.length > 0
      ? [
          ...decodeIssues,
          ...parsed.issues,
          {
            line: parsed.lines[0]?.n ?? 1,
            message: `no meeting found: ${parsed.lines.length} log lines read, but none starts a meeting (#startmeeting or !startmeeting)`,
            excerpt: "",
          },
        ]
      : [...decodeIssues, ...parsed.issues];
  return { fileName, parsed, meetings, issues };
}
