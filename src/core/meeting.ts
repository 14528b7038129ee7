import type { Era, LogLine } from "./log-line.ts";

/** Kinds of minutes items. `topic` opens a section; the others are items within it. */
export const ITEM_KINDS = [
  "topic",
  "info",
  "idea",
  "help",
  "link",
  "action",
  "agreed",
  "accepted",
  "rejected",
] as const;

export type ItemKind = (typeof ITEM_KINDS)[number];

/** The upper-case name minutes print before an item (MeetBot's `itemtype`): `ACTION`, `INFO`, … */
export const ITEM_LABEL: Readonly<Record<ItemKind, string>> = {
  topic: "TOPIC",
  info: "INFO",
  idea: "IDEA",
  help: "HELP",
  link: "LINK",
  action: "ACTION",
  agreed: "AGREED",
  accepted: "ACCEPTED",
  rejected: "REJECTED",
};

export type DecisionKind = "agreed" | "accepted" | "rejected";

export interface Item {
  readonly kind: ItemKind;
  /** Item text as the era's minutes show it (IRC: the command argument stripped). */
  readonly text: string;
  /** Who typed the command (usually a chair); not the assignee. */
  readonly nick: string;
  /** `LogLine.n` of the command line. */
  readonly line: number;
  readonly date: string;
  readonly time: string;
  /** Text of the topic in force when the item was recorded; null before the first topic. */
  readonly topic: string | null;
}

export interface Attendee {
  readonly nick: string;
  /** Lines said (logged lines, bot included; 0 for chairs and `#nick`s who never spoke). */
  readonly lines: number;
}

export interface Moment {
  readonly line: number;
  readonly date: string;
  readonly time: string;
}

/**
 * A meeting as the bots saw it: the fold of its log lines. Plain data, no behaviour; renderers and
 * the store read it.
 */
export interface Meeting {
  readonly era: Era;
  /** IRC channel (`#fedora-meeting`) or Matrix room alias (`#meeting:fedoraproject.org`). */
  readonly channel: string;
  /** The `#startmeeting` argument: the minutes' title. */
  readonly title: string;
  /** The file-name name: `#meetingname` value as the bot stores it, or derived from title/channel. */
  readonly name: string;
  /** Names the meeting had before renames; each leaves a stub log behind (IRC era). */
  readonly previousNames: readonly string[];
  /** Who started the meeting. */
  readonly owner: string;
  /** Chairs at the end of the meeting, owner included, in the order they were added. */
  readonly chairs: readonly string[];
  readonly start: Moment;
  /** Null when the log stops before `#endmeeting`. */
  readonly end: Moment | null;
  /** Minutes items in order (undo already applied). */
  readonly items: readonly Item[];
  /** Attendees in the order they were first seen (the order MeetBot's dict was filled in). */
  readonly attendees: readonly Attendee[];
  /** The meeting's own log lines, from `#startmeeting` to `#endmeeting` (or the end of the log). */
  readonly lines: readonly LogLine[];
}
