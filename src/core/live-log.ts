import { parseCommand } from "./commands.ts";
import type { LogLine } from "./log-line.ts";

/**
 * The log of a live Matrix meeting, kept as the events it came from, so that an edit or a
 * redaction of one message changes exactly its lines. Lines are numbered by position every time
 * (`n` = place in the `.log.txt` sigmeet publishes), so the live log and the published file agree
 * line for line, and folding either gives the same minutes. Pure: the bot stores the events.
 */
export interface LiveEvent {
  readonly eventId: string;
  /** Matrix user ID, as maubot-meetings logs senders. */
  readonly sender: string;
  /** `origin_server_ts`, milliseconds. */
  readonly ts: number;
  /** `m.text`, `m.notice`, `m.emote`, … */
  readonly msgtype: string;
  readonly body: string;
  /** Set for a reply: its body may start with the legacy `> <@user> …` fallback. */
  readonly inReplyTo?: string | undefined;
}

interface Entry {
  readonly event: LiveEvent;
  readonly texts: readonly string[];
}

/** What a change did, for the bot's log and tests. */
export type LiveChange = "added" | "edited" | "redacted" | "ignored";

export class LiveLog {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, number>();

  /** Events in log order, for storing and replaying. */
  get events(): readonly LiveEvent[] {
    return this.entries.map((e) => e.event);
  }

  /**
   * Adds a message. `m.emote` is not logged (maubot-meetings did not log it either), nor is an event
   * seen before (a replayed sync).
   */
  add(event: LiveEvent): LiveChange {
    if (this.byId.has(event.eventId) || !LOGGED.has(event.msgtype)) return "ignored";
    this.byId.set(event.eventId, this.entries.length);
    this.entries.push({ event, texts: bodyLines(event) });
    return "added";
  }

  /**
   * Applies an edit (`m.replace`) by the original's sender. Chat stays chat and a minutes item
   * stays an item (its text, even its kind, may change); an edit that would turn chat into a
   * command, a command into chat, or change a meeting-control command (`!startmeeting`, `!chair`,
   * `!undo`, …) is ignored, because running it after the fact would rewrite what happened.
   */
  edit(originalId: string, sender: string, newBody: string): LiveChange {
    const at = this.byId.get(originalId);
    const entry = at === undefined ? undefined : this.entries[at];
    if (at === undefined || entry === undefined || entry.event.sender !== sender) return "ignored";
    const edited: LiveEvent = { ...entry.event, body: newBody, inReplyTo: undefined };
    const before = entry.texts.map(kindOf);
    const after = bodyLines(edited).map(kindOf);
    const changesControl = [...before, ...after].some((k) => k === "control");
    const sameShape = before.length === after.length && before.every((k, i) => k === after[i]);
    if (changesControl || !sameShape) return "ignored";
    this.entries[at] = { event: edited, texts: bodyLines(edited) };
    return "edited";
  }

  /**
   * A redaction drops the event's lines: redacted text is never published. A message that steers
   * the meeting (`!startmeeting`, `!chair`, …) stays: what it did has happened, and the minutes
   * would otherwise lose their start or their chairs after the fact.
   */
  redact(eventId: string): LiveChange {
    const at = this.byId.get(eventId);
    if (at === undefined) return "ignored";
    if (this.entries[at]?.texts.some((t) => kindOf(t) === "control") === true) return "ignored";
    this.entries.splice(at, 1);
    this.byId.clear();
    this.entries.forEach((e, i) => this.byId.set(e.event.eventId, i));
    return "redacted";
  }

  /** A logged event, as edited; undefined when it is not in the log. */
  get(eventId: string): LiveEvent | undefined {
    const at = this.byId.get(eventId);
    return at === undefined ? undefined : this.entries[at]?.event;
  }

  /** The numbers (`n`) of the first and last line a logged event's message holds, or null. */
  linesOf(eventId: string): { readonly first: number; readonly last: number } | null {
    let last = 0;
    for (const { event, texts } of this.entries) {
      const first = last + 1;
      last += texts.length;
      if (event.eventId === eventId) return { first, last };
    }
    return null;
  }

  /** The event whose message holds line `n`. */
  eventAt(n: number): string | undefined {
    let last = 0;
    for (const { event, texts } of this.entries) {
      last += texts.length;
      if (n <= last) return event.eventId;
    }
    return undefined;
  }

  /** The log lines, numbered from 1, each message's lines together in arrival order. */
  lines(): LogLine[] {
    const out: LogLine[] = [];
    for (const { event, texts } of this.entries) {
      const iso = new Date(event.ts).toISOString();
      const date = iso.slice(0, 10);
      const time = iso.slice(11, 19);
      for (const text of texts)
        out.push({ n: out.length + 1, date, time, nick: event.sender, action: false, text });
    }
    return out;
  }
}

const LOGGED = new Set(["m.text", "m.notice"]);

/**
 * A message's lines as maubot-meetings logged them: one per line of the body, empty ones
 * included; a reply's legacy fallback (`> <@user> quoted` lines and the blank line after them)
 * removed, since the spec dropped it and it would log someone else's words again.
 */
export function bodyLines(event: LiveEvent): string[] {
  let lines = event.body.replace(/\r\n?/g, "\n").split("\n");
  if (event.inReplyTo !== undefined && lines[0]?.startsWith("> <") === true) {
    const end = lines.findIndex((l) => !l.startsWith("> "));
    lines = end === -1 ? [] : lines.slice(lines[end] === "" ? end + 1 : end);
  }
  return lines.length === 0 ? [""] : lines;
}

/** chat, a minutes item, or a command that steers the meeting. */
function kindOf(text: string): "chat" | "item" | "control" {
  const command = parseCommand(text, "sigmeet");
  if (command === null) return "chat";
  return CONTROL.has(command.spec.name) ? "control" : "item";
}

const CONTROL = new Set([
  "startmeeting",
  "endmeeting",
  "meetingname",
  "meetingtopic",
  "chair",
  "unchair",
  "undo",
  "nick",
]);
