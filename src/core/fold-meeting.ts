import { defaultDialect, isBareLink, parseCommand, type Dialect } from "./commands.ts";
import type { Era, LogLine } from "./log-line.ts";
import {
  ITEM_KINDS,
  type Attendee,
  type Item,
  type ItemKind,
  type Meeting,
  type Moment,
} from "./meeting.ts";

export interface FoldOptions {
  readonly era: Era;
  /** IRC channel or Matrix room alias the log belongs to, e.g. `#fedora-meeting`. */
  readonly channel: string;
  /** Command rules; defaults to the Fedora bot of the era. */
  readonly dialect?: Dialect;
  /**
   * Senders whose lines are the meeting bot's own replies: counted as attendees (as the bots did)
   * but never commands or links. Defaults to Fedora's bots.
   */
  readonly bots?: readonly string[];
  /** Chairs known from outside the log (e.g. room power levels); they may chair from the start. */
  readonly chairs?: readonly string[];
  /** Matrix era: the room name, which names a meeting started without one. */
  readonly roomName?: string;
}

export const DEFAULT_BOTS: readonly string[] = ["zodbot", "@meetbot:fedora.im"];

/** MeetBot's meeting name: lower-cased, runs of whitespace joined with `_`, punctuation kept. */
export function meetbotName(text: string): string {
  return text.trim().toLowerCase().split(/\s+/).filter(Boolean).join("_");
}

interface Said {
  readonly nick: string;
  lines: number;
}

interface Draft {
  title: string;
  name: string;
  previousNames: string[];
  owner: string;
  chairs: string[];
  start: Moment;
  end: Moment | null;
  items: Item[];
  /** Lines said per nick (one counter object per nick, so a line costs one lookup). */
  attendees: Map<string, Said>;
  firstLine: number;
  lastLine: number;
  /** Started without a title: the room's name, or the bot's start notice, names it. */
  bareStart: boolean;
}

const ITEM_KIND_SET: ReadonlySet<string> = new Set<string>(ITEM_KINDS);

function moment(line: LogLine): Moment {
  return { line: line.n, date: line.date, time: line.time };
}

/**
 * Folds log lines into the meetings they hold (usually one), applying the era's command semantics:
 * who may do what, `#undo`, `#chair`, renames, items. Lines outside a meeting are ignored, as the
 * bots ignored them. A meeting whose log stops before `#endmeeting` has `end: null`.
 */
export function foldMeetings(lines: readonly LogLine[], options: FoldOptions): Meeting[] {
  const dialect = options.dialect ?? defaultDialect(options.era);
  // maubot's names (the title as typed, the room's name by default) for every Matrix meeting:
  // sigmeet's bot runs in Matrix rooms and names its meetings as the bot there always did.
  const maubotNames =
    dialect === "fedora-matrix" || (dialect === "sigmeet" && options.era === "matrix");
  const bots = new Set(options.bots ?? DEFAULT_BOTS);
  const meetings: Meeting[] = [];
  let draft: Draft | null = null;
  // The counter of the last line's sender: consecutive lines often come from the same nick.
  let said: Said | undefined;
  let index = 0;

  const finish = (d: Draft, endIndex: number): void => {
    meetings.push(seal(d, lines.slice(d.firstLine, endIndex + 1), options));
  };

  for (; index < lines.length; index++) {
    const line = lines[index];
    if (line === undefined) continue;
    if (draft !== null) {
      if (said?.nick !== line.nick) {
        said = draft.attendees.get(line.nick);
        if (said === undefined) {
          said = { nick: line.nick, lines: 0 };
          draft.attendees.set(line.nick, said);
        }
      }
      said.lines++;
    }
    const isBot = bots.has(line.nick);
    if (isBot && draft !== null && dialect === "sigmeet") {
      const announced = announcedChairs(line.text);
      if (announced !== null) {
        draft.lastLine = index;
        // Added, not replacing: an announcement written before a `!chair` it raced must not undo
        // it (taking chairs away is `!unchair`'s, which is in the log).
        for (const chair of announced) if (!draft.chairs.includes(chair)) draft.chairs.push(chair);
        continue;
      }
      const named = NAME_ANNOUNCEMENT.exec(line.text);
      if (named !== null && draft.bareStart) {
        // A bare `!startmeeting` is named after the room, which a log does not record; the bot's
        // start notice does.
        draft.lastLine = index;
        const roomName = named[1] ?? draft.title;
        const placeholder = draft.title;
        if (draft.name === placeholder) draft.name = roomName;
        draft.previousNames = draft.previousNames.map((n) => (n === placeholder ? roomName : n));
        draft.title = roomName;
        draft.bareStart = false;
        continue;
      }
    }
    const command = line.action || isBot ? null : parseCommand(line.text, dialect);

    if (draft === null) {
      if (command?.spec.name !== "startmeeting") continue;
      const title = command.arg.trim();
      // zodbot (Fedora's patch) refuses a meeting without a title; maubot names it after the room.
      if (title === "" && !maubotNames) continue;
      const matrixName = title !== "" ? title : (options.roomName ?? "None");
      draft = {
        title: maubotNames ? matrixName : title,
        name: maubotNames ? matrixName : meetbotName(title),
        previousNames: [],
        owner: line.nick,
        chairs: [line.nick, ...(options.chairs ?? []).filter((c) => c !== line.nick)],
        start: moment(line),
        end: null,
        items: [],
        attendees: new Map(),
        firstLine: index,
        lastLine: index,
        bareStart: title === "",
      };
      said = { nick: line.nick, lines: 1 };
      draft.attendees.set(line.nick, said);
      continue;
    }

    draft.lastLine = index;
    if (command === null) {
      // MeetBot records a line that starts with a URL as a LINK (maubot does not).
      if (dialect !== "fedora-matrix" && !line.action && !isBot && isBareLink(line)) {
        draft.items.push(item("link", line.text, line));
      }
      continue;
    }
    const isChair = draft.chairs.includes(line.nick);
    if (command.spec.permission === "chair" && !isChair) continue;
    const arg = command.arg;
    switch (command.spec.name) {
      case "startmeeting": {
        // A second #startmeeting restarts the clock and the file name, as zodbot did.
        const title = arg.trim();
        if (title === "" && dialect !== "fedora-matrix") break;
        // maubot, and sigmeet's bot: "Meeting already in progress".
        if (dialect !== "fedora-irc") break;
        draft.start = moment(line);
        if (isChair) draft.title = title;
        rename(draft, meetbotName(title));
        break;
      }
      case "endmeeting":
        draft.end = moment(line);
        finish(draft, index);
        draft = null;
        break;
      case "meetingname": {
        const value = maubotNames ? arg.trim() : meetbotName(arg);
        if (value !== "") rename(draft, value);
        break;
      }
      case "meetingtopic":
        // MeetBot's minutes take their heading from the meeting topic, which #startmeeting sets
        // and #meetingtopic replaces ("none"/"unset"/empty clear it; the renderers handle that).
        draft.title = arg.trim();
        break;
      case "chair":
        for (const nick of arg.trim().split(/[, ]+/)) {
          if (nick === "" || draft.chairs.includes(nick)) continue;
          draft.chairs.push(nick);
          // A new chair counts as an attendee who has said nothing yet (MeetBot's addnick(lines=0)).
          if (!draft.attendees.has(nick)) draft.attendees.set(nick, { nick, lines: 0 });
        }
        break;
      case "unchair":
        // The owner can never be unchaired; MeetBot splits this one on whitespace only.
        for (const nick of arg.trim().split(/\s+/)) {
          if (nick !== draft.owner) draft.chairs = draft.chairs.filter((c) => c !== nick);
        }
        break;
      case "undo":
        // MeetBot removes the newest minutes item of any kind, a topic included.
        draft.items.pop();
        break;
      case "nick":
        for (const nick of arg.trim().split(/[, ]+/)) {
          if (nick !== "" && !draft.attendees.has(nick))
            draft.attendees.set(nick, { nick, lines: 0 });
        }
        break;
      default: {
        const kind = command.spec.name;
        if (!ITEM_KIND_SET.has(kind)) break;
        const text = itemText(kind, arg, dialect);
        // sigmeet's own bot: a bare `!help` asks for the command list, and an item command
        // without text records nothing (the old bots kept such empty items; their logs keep them).
        if (dialect === "sigmeet" && text.trim() === "") break;
        draft.items.push(item(kind, text, line));
      }
    }
  }
  if (draft !== null) finish(draft, draft.lastLine);
  return meetings;
}

/**
 * sigmeet's bot announces the chairs it recognises (room power level, `!chair`) as MeetBot did:
 * `Current chairs: @a:x @b:y`. In its own logs that line is what makes a power-level chair a chair,
 * so folding the published log grants exactly what the live bot granted. Only the bot's lines
 * count (a member typing the same words changes nothing), and only in the sigmeet dialect.
 */
export const CHAIRS_ANNOUNCEMENT = "Current chairs: ";

/** maubot's (and sigmeet's) start notice line naming the meeting; read back by the fold. */
export function nameAnnouncement(name: string): string {
  return `The Meeting name is '${name}'`;
}

const NAME_ANNOUNCEMENT = /^The Meeting name is '(.*)'$/;

function announcedChairs(text: string): string[] | null {
  if (!text.startsWith(CHAIRS_ANNOUNCEMENT)) return null;
  return text
    .slice(CHAIRS_ANNOUNCEMENT.length)
    .split(/\s+/)
    .filter((c) => c !== "");
}

function rename(draft: Draft, name: string): void {
  if (name === draft.name) return;
  draft.previousNames.push(draft.name);
  draft.name = name;
}

function itemText(kind: ItemKind, arg: string, dialect: Dialect): string {
  if (dialect === "fedora-matrix") {
    // maubot strips item text but keeps a topic's trailing spaces.
    return kind === "topic" ? arg.trimStart() : arg.trim();
  }
  // MeetBot's lines were already stripped of spaces (and CTCP \x01) at both ends.
  // eslint-disable-next-line no-control-regex -- \x01 is the CTCP delimiter MeetBot stripped
  return arg.replace(/[ \x01]+$/, "");
}

function item(kind: ItemKind, text: string, line: LogLine): Item {
  return {
    kind,
    text,
    nick: line.nick,
    line: line.n,
    date: line.date,
    time: line.time,
    topic: null,
  };
}

function seal(draft: Draft, lines: readonly LogLine[], options: FoldOptions): Meeting {
  // The topic an item belongs to is decided by its place in the final list: after an #undo of a
  // topic, the items that followed it fall under the topic before, as in MeetBot's minutes.
  let topic: string | null = null;
  const items = draft.items.map((it) => {
    if (it.kind === "topic") {
      topic = it.text;
      return it;
    }
    return topic === null ? it : { ...it, topic };
  });
  const attendees: Attendee[] = [];
  for (const { nick, lines } of draft.attendees.values()) attendees.push({ nick, lines });
  return {
    era: options.era,
    channel: options.channel,
    title: draft.title,
    name: draft.name,
    previousNames: draft.previousNames,
    owner: draft.owner,
    chairs: draft.chairs,
    start: draft.start,
    end: draft.end,
    items,
    attendees,
    lines,
  };
}
