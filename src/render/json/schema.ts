/**
 * The versioned JSON form of a meeting (docs/json-schema.md documents it field by field).
 *
 * `schemaVersion` changes only for incompatible changes (a field removed, renamed, retyped or given
 * a different meaning). New fields are additive and keep the version; the schema objects below are
 * not strict, so a consumer validating with an older schema accepts newer output (unknown keys are
 * dropped from the parsed value).
 */
import { z } from "zod";

export const MEETING_JSON_SCHEMA_VERSION = 1;

/** `YYYY-MM-DDTHH:MM:SS[.fff]Z` (UTC, no offset). */
const IsoUtc = z.iso.datetime();
/** 1-based line number in the meeting's `.log.txt` (the `l-N` anchor of the `.log.html`). */
const LineNo = z.int().positive();

// Keys are listed in the order meetingToJson writes them, so that a parsed value stringifies to the
// same text.
const text = z.string();
/** When the command was typed. */
const time = IsoUtc;
/** Text of the topic in force; null before the first topic. */
const topic = z.string().nullable();
/** Who typed the command (usually a chair), not an assignee. */
const nick = z.string();

export const TopicJsonSchema = z.object({ text, time, nick, line: LineNo });

export const NoteJsonSchema = z.object({ text, time, topic, nick, line: LineNo });

export const ActionJsonSchema = z.object({
  text,
  owners: z.array(z.string()),
  time,
  topic,
  nick,
  line: LineNo,
});

export const DecisionJsonSchema = z.object({
  text,
  kind: z.enum(["agreed", "accepted", "rejected"]),
  time,
  topic,
  nick,
  line: LineNo,
});

export const LinkJsonSchema = z.object({
  text,
  url: z.string().optional(),
  time,
  topic,
  nick,
  line: LineNo,
});

export const AttendeeJsonSchema = z.object({
  nick: z.string(),
  lines: z.int().nonnegative(),
});

export const MeetingJsonSchema = z.object({
  schemaVersion: z.literal(MEETING_JSON_SCHEMA_VERSION),
  era: z.enum(["irc", "matrix"]),
  channel: z.string(),
  name: z.string(),
  previousNames: z.array(z.string()),
  title: z.string(),
  /** Published meeting URL without extension (as in fedora-messaging), or null. */
  url: z.string().nullable(),
  owner: z.string(),
  started: IsoUtc,
  ended: IsoUtc.nullable(),
  chairs: z.array(z.string()),
  topics: z.array(TopicJsonSchema),
  actions: z.array(ActionJsonSchema),
  decisions: z.array(DecisionJsonSchema),
  info: z.array(NoteJsonSchema),
  ideas: z.array(NoteJsonSchema),
  help: z.array(NoteJsonSchema),
  links: z.array(LinkJsonSchema),
  attendees: z.array(AttendeeJsonSchema),
});

export type MeetingJson = z.infer<typeof MeetingJsonSchema>;
export type TopicJson = z.infer<typeof TopicJsonSchema>;
export type NoteJson = z.infer<typeof NoteJsonSchema>;
export type ActionJson = z.infer<typeof ActionJsonSchema>;
export type DecisionJson = z.infer<typeof DecisionJsonSchema>;
export type LinkJson = z.infer<typeof LinkJsonSchema>;
export type AttendeeJson = z.infer<typeof AttendeeJsonSchema>;
