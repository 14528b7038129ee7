import type { Era, LogLine } from "./log-line.ts";
import type { ItemKind } from "./meeting.ts";

/**
 * The meeting commands both Fedora bots understand, and the dialect rules that decide whether a log
 * line is one. This table is the single source of truth for command words; the fold and (later) the
 * chat command table read it.
 */
export type CommandName =
  | "startmeeting"
  | "endmeeting"
  | "meetingname"
  | "meetingtopic"
  | "topic"
  | "chair"
  | "unchair"
  | "undo"
  | "nick"
  | ItemKind;

/**
 * `fedora-irc`: zodbot's MeetBot (`#` commands). `fedora-matrix`: maubot-meetings (`!` commands, a
 * small fixed set of tags). `sigmeet`: sigmeet's own live logs: the whole MeetBot command set with
 * either prefix.
 */
export type Dialect = "fedora-irc" | "fedora-matrix" | "sigmeet";

export function defaultDialect(era: Era): Dialect {
  return era === "irc" ? "fedora-irc" : "fedora-matrix";
}

/** Who may run a command: anyone, or chairs only (MeetBot's `isChair`). */
export type Permission = "anyone" | "chair";

interface CommandSpec {
  readonly name: CommandName;
  readonly permission: Permission;
}

const spec = (name: CommandName, permission: Permission): CommandSpec => ({ name, permission });

// MeetBot (zodbot) words, lower-cased. `#reject` is deliberately absent: in zodbot's fork the alias
// was a no-op (`do_rejected = do_rejected`), so real logs typed with it produced no item.
const IRC_WORDS: ReadonlyMap<string, CommandSpec> = new Map([
  ["startmeeting", spec("startmeeting", "anyone")],
  ["endmeeting", spec("endmeeting", "chair")],
  // zodbot's #meetingname has no chair check, unlike what its manual says.
  ["meetingname", spec("meetingname", "anyone")],
  ["meetingtopic", spec("meetingtopic", "chair")],
  ["topic", spec("topic", "chair")],
  ["chair", spec("chair", "chair")],
  ["unchair", spec("unchair", "chair")],
  ["undo", spec("undo", "chair")],
  ["nick", spec("nick", "anyone")],
  ["agreed", spec("agreed", "chair")],
  ["agree", spec("agreed", "chair")],
  ["accepted", spec("accepted", "chair")],
  ["accept", spec("accepted", "chair")],
  ["rejected", spec("rejected", "chair")],
  ["action", spec("action", "anyone")],
  ["info", spec("info", "anyone")],
  ["idea", spec("idea", "anyone")],
  ["help", spec("help", "anyone")],
  ["halp", spec("help", "anyone")],
  ["link", spec("link", "anyone")],
]);

// maubot-meetings: four commands (power level checked by the bot; logs do not show power levels,
// so an imported log takes every logged command as allowed) and the default tag set.
const MATRIX_WORDS: ReadonlyMap<string, CommandSpec> = new Map([
  ["startmeeting", spec("startmeeting", "anyone")],
  ["sm", spec("startmeeting", "anyone")],
  ["endmeeting", spec("endmeeting", "anyone")],
  ["em", spec("endmeeting", "anyone")],
  ["topic", spec("topic", "anyone")],
  ["t", spec("topic", "anyone")],
  ["meetingname", spec("meetingname", "anyone")],
  ["mn", spec("meetingname", "anyone")],
  ["action", spec("action", "anyone")],
  ["info", spec("info", "anyone")],
  ["agreed", spec("agreed", "anyone")],
  ["rejected", spec("rejected", "anyone")],
  ["idea", spec("idea", "anyone")],
  ["halp", spec("help", "anyone")],
  ["link", spec("link", "anyone")],
]);

// sigmeet's live dialect: MeetBot's full set (with its chair rules) plus maubot's short aliases,
// and the `#reject` alias fixed.
const SIGMEET_WORDS: ReadonlyMap<string, CommandSpec> = new Map([
  ...IRC_WORDS,
  ["sm", spec("startmeeting", "anyone")],
  ["em", spec("endmeeting", "chair")],
  ["t", spec("topic", "chair")],
  // MeetBot let anyone rename the meeting; in sigmeet's room only chairs do, as with maubot.
  ["meetingname", spec("meetingname", "chair")],
  ["mn", spec("meetingname", "chair")],
  ["reject", spec("rejected", "chair")],
]);

export interface ParsedCommand {
  readonly spec: CommandSpec;
  /** Everything after the command word and the blanks that follow it. */
  readonly arg: string;
}

// `#word` at the very start of the line, as MeetBot's `command_RE.match`: the word is `\w+`, then
// spaces/tabs, then the argument. A word followed by other punctuation (`#agreed:`) still counts and
// the punctuation stays in the argument, as zodbot did.
const IRC_COMMAND = /^#(\w+)[ \t]*/;
// maubot: `^!(\S+)`, lower case only, and the word must end at a plain space or the end of line.
const MATRIX_COMMAND = /^!(\S+)(?: |$)/;
const SIGMEET_COMMAND = /^[#!](\w+)(?:[ \t]+|$)/;

/** Recognises a command at the start of a line, or returns null for ordinary chat. */
export function parseCommand(text: string, dialect: Dialect): ParsedCommand | null {
  const first = text.charCodeAt(0);
  if (dialect === "fedora-irc") {
    if (first !== 0x23 /* # */) return null;
    const m = IRC_COMMAND.exec(text);
    if (m === null) return null;
    const found = IRC_WORDS.get((m[1] ?? "").toLowerCase());
    return found === undefined ? null : { spec: found, arg: text.slice(m[0].length) };
  }
  if (dialect === "fedora-matrix") {
    if (first !== 0x21 /* ! */) return null;
    const m = MATRIX_COMMAND.exec(text);
    if (m === null) return null;
    const found = MATRIX_WORDS.get(m[1] ?? "");
    return found === undefined ? null : { spec: found, arg: text.slice(m[0].length) };
  }
  const split = splitSigmeetCommand(text);
  if (split === null) return null;
  const found = SIGMEET_WORDS.get(split.word.toLowerCase());
  return found === undefined ? null : { spec: found, arg: split.arg };
}

/**
 * How sigmeet's bot reads a line as a command, before knowing the word: `!word` or `#word` at the
 * very start, then blanks and the argument, or the end of the line. The word is as typed.
 */
export function splitSigmeetCommand(
  text: string,
): { readonly prefix: "!" | "#"; readonly word: string; readonly arg: string } | null {
  const first = text.charCodeAt(0);
  if (first !== 0x23 /* # */ && first !== 0x21 /* ! */) return null;
  const m = SIGMEET_COMMAND.exec(text);
  if (m === null) return null;
  return { prefix: first === 0x23 ? "#" : "!", word: m[1] ?? "", arg: text.slice(m[0].length) };
}

/** Command words of a dialect, for help texts and tests. */
export function commandWords(dialect: Dialect): string[] {
  const table =
    dialect === "fedora-irc"
      ? IRC_WORDS
      : dialect === "fedora-matrix"
        ? MATRIX_WORDS
        : SIGMEET_WORDS;
  return [...table.keys()].sort();
}

// MeetBot's UrlProtocols: a bare line whose text before the first `//` is one of these is a link.
const URL_SCHEMES = new Set(["http:", "https:", "irc:", "ftp:", "mailto:", "ssh:"]);

/** First letters of `URL_SCHEMES`. */
const SCHEME_INITIALS = new Set(["h", "i", "f", "m", "s"].map((c) => c.charCodeAt(0)));

/** MeetBot turns a chat line that starts with a URL into a LINK item. */
export function isBareLink(line: LogLine): boolean {
  // Runs for every chat line of a meeting: most cannot start with a scheme, so skip the search.
  if (!SCHEME_INITIALS.has(line.text.charCodeAt(0))) return false;
  const slashes = line.text.indexOf("//");
  return slashes > 0 && URL_SCHEMES.has(line.text.slice(0, slashes));
}
