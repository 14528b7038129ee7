/**
 * One line of a meeting log, as read from any of the four published forms (IRC/Matrix, txt/html).
 * Both eras are normalised to this shape so the meeting semantics never care where a line came from.
 */
export type Era = "irc" | "matrix";

export interface LogLine {
  /** 1-based position in the meeting's `.log.txt`; also the `l-N` anchor of the `.log.html`. */
  readonly n: number;
  /**
   * UTC date `YYYY-MM-DD`. Matrix-era lines carry it; IRC-era lines take it from the file name and
   * advance it by a day whenever the clock goes backwards (a meeting that crosses midnight).
   */
  readonly date: string;
  /** `HH:MM:SS`, exactly as printed in the log. */
  readonly time: string;
  /** IRC nick (`bcotton`, `nick[m]`) or Matrix user ID (`@jflory7:fedora.im`), without brackets. */
  readonly nick: string;
  /** A `/me` line (`HH:MM:SS * nick text`). */
  readonly action: boolean;
  /** The message text exactly as logged (no trailing newline). */
  readonly text: string;
}

/** A line the parser could not read. The rest of the file is still read. */
export interface ParseIssue {
  /** 1-based physical line number in the input file. */
  readonly line: number;
  readonly message: string;
  /** The offending input, shortened for display. */
  readonly excerpt: string;
}

/** How the input was published: the bot's own files, or a copy rendered from a web page. */
export type LogForm =
  | "txt" // the bot's .log.txt
  | "html" // the bot's .log.html markup
  | "html-text" // a .log.html page rendered to text (line breaks kept)
  | "collapsed"; // a page rendered to text with all whitespace collapsed to single spaces

export interface ParsedLog {
  readonly era: Era;
  readonly form: LogForm;
  readonly lines: readonly LogLine[];
  readonly issues: readonly ParseIssue[];
}
