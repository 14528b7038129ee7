import type { Item, Meeting } from "../../core/meeting.ts";
import {
  MEETING_JSON_SCHEMA_VERSION,
  type ActionJson,
  type DecisionJson,
  type LinkJson,
  type MeetingJson,
  type NoteJson,
  type TopicJson,
} from "./schema.ts";

export interface MeetingJsonOptions {
  /** Owners of an action item (the owner rule lives elsewhere). Default: no owners. */
  readonly ownersOf?: ((item: Item) => readonly string[]) | undefined;
  /** Where the meeting is published, without extension (`…/council.2026-05-06-14.01`). */
  readonly url?: string | undefined;
}

/** ISO 8601 UTC from the log's `YYYY-MM-DD` and `HH:MM:SS`. */
function iso(date: string, time: string): string {
  return date + "T" + time + "Z";
}

/**
 * A LINK item's URL: its first word when that is an absolute URL of a scheme safe to turn into a
 * hyperlink. Other first words (`Board:`, `javascript:…`, a bare host) give no `url`.
 */
const LINK_URL = /^(?:https?|ftp|ircs?|git):\/\/\S+$/i;

function linkUrl(text: string): string | undefined {
  const sp = text.search(/\s/);
  const first = sp < 0 ? text : text.slice(0, sp);
  return LINK_URL.test(first) ? first : undefined;
}

/** The meeting as plain, versioned JSON data (validate with `MeetingJsonSchema`). */
export function meetingToJson(meeting: Meeting, options: MeetingJsonOptions = {}): MeetingJson {
  const ownersOf = options.ownersOf;
  const topics: TopicJson[] = [];
  const actions: ActionJson[] = [];
  const decisions: DecisionJson[] = [];
  const info: NoteJson[] = [];
  const ideas: NoteJson[] = [];
  const help: NoteJson[] = [];
  const links: LinkJson[] = [];

  for (const it of meeting.items) {
    const time = iso(it.date, it.time);
    switch (it.kind) {
      case "topic":
        topics.push({ text: it.text, time, nick: it.nick, line: it.line });
        break;
      case "action":
        actions.push({
          text: it.text,
          owners: ownersOf === undefined ? [] : [...ownersOf(it)],
          time,
          topic: it.topic,
          nick: it.nick,
          line: it.line,
        });
        break;
      case "agreed":
      case "accepted":
      case "rejected":
        decisions.push({
          text: it.text,
          kind: it.kind,
          time,
          topic: it.topic,
          nick: it.nick,
          line: it.line,
        });
        break;
      case "link": {
        const url = linkUrl(it.text);
        const rest = { time, topic: it.topic, nick: it.nick, line: it.line };
        // `url` is left out (not undefined) when absent, and comes second as in the schema.
        links.push(
          url === undefined ? { text: it.text, ...rest } : { text: it.text, url, ...rest },
        );
        break;
      }
      case "info":
      case "idea":
      case "help": {
        const note = { text: it.text, time, topic: it.topic, nick: it.nick, line: it.line };
        (it.kind === "info" ? info : it.kind === "idea" ? ideas : help).push(note);
        break;
      }
    }
  }

  return {
    schemaVersion: MEETING_JSON_SCHEMA_VERSION,
    era: meeting.era,
    channel: meeting.channel,
    name: meeting.name,
    previousNames: [...meeting.previousNames],
    title: meeting.title,
    url: options.url ?? null,
    owner: meeting.owner,
    started: iso(meeting.start.date, meeting.start.time),
    ended: meeting.end == null ? null : iso(meeting.end.date, meeting.end.time),
    chairs: [...meeting.chairs],
    topics,
    actions,
    decisions,
    info,
    ideas,
    help,
    links,
    attendees: meeting.attendees.map((a) => ({ nick: a.nick, lines: a.lines })),
  };
}
