import type { Meeting } from "../core/meeting.ts";

/** ISO 8601 UTC timestamp of a log moment (`LogLine` dates and times are UTC). */
export function isoUtc(date: string, time: string): string {
  return `${date}T${time}Z`;
}

/**
 * The stable identity of a meeting: era, channel, start and name. A JSON array rather than a joined
 * string so no channel or name can make two meetings collide.
 */
export function meetingKey(meeting: Meeting, name = meeting.name): string {
  return JSON.stringify([
    meeting.era,
    meeting.channel,
    isoUtc(meeting.start.date, meeting.start.time),
    name,
  ]);
}
