import type { Meeting } from "../../core/meeting.ts";

/** Where Fedora published IRC-era meetings. */
export const DEFAULT_LOG_URL_BASE = "https://meetbot.fedoraproject.org";

type StemSource = Pick<Meeting, "channel" | "name" | "start">;

/**
 * The channel part of the path, as MeetBot derived it: `#`/space trimmed from both ends,
 * lower-cased, `/` removed (`#fedora-meeting` → `fedora-meeting`).
 */
export function ircChannelDir(channel: string): string {
  return channel
    .replace(/^[# ]+|[# ]+$/g, "")
    .toLowerCase()
    .replaceAll("/", "");
}

/** The file-name name: the stored meeting name without `/`, or the channel part when unset. */
export function ircMeetingFileName(meeting: Pick<Meeting, "channel" | "name">): string {
  const name = meeting.name.replaceAll("/", "");
  return name === "" ? ircChannelDir(meeting.channel) : name;
}

/** `<name>.<YYYY-MM-DD>-<HH.MM>` of the meeting start, e.g. `magazine.2020-06-10-12.02`. */
export function ircFileStem(meeting: StemSource): string {
  const hhmm = meeting.start.time.slice(0, 5).replace(":", ".");
  return `${ircMeetingFileName(meeting)}.${meeting.start.date}-${hhmm}`;
}

/**
 * Path of the meeting's files below the publishing root, without extension:
 * `fedora-meeting/2020-06-10/magazine.2020-06-10-12.02`.
 */
export function ircFilePath(meeting: StemSource): string {
  return `${ircChannelDir(meeting.channel)}/${meeting.start.date}/${ircFileStem(meeting)}`;
}

/** Full URL of the meeting's files, without extension (what fedora-messaging's `url` carries). */
export function ircMeetingUrl(
  meeting: StemSource,
  logUrlBase: string = DEFAULT_LOG_URL_BASE,
): string {
  if (logUrlBase === "") return ircFilePath(meeting);
  const sep = logUrlBase.endsWith("/") ? "" : "/";
  return `${logUrlBase}${sep}${ircFilePath(meeting)}`;
}

/** Full URL of the `.log.html`, as the text minutes print it. */
export function ircLogUrl(meeting: StemSource, logUrlBase: string = DEFAULT_LOG_URL_BASE): string {
  return `${ircMeetingUrl(meeting, logUrlBase)}.log.html`;
}
