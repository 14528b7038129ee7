import type { Meeting } from "../core/meeting.ts";
import { dirFromChannel } from "../core/source-path.ts";
import { ircChannelDir, ircFileStem } from "./irc/file-stem.ts";

/**
 * A slug as python-slugify makes it for maubot-meetings' file names: transliterated to ASCII where
 * Unicode decomposition allows, lower-cased, runs of other characters turned into one `-`.
 */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** `<name>.<YYYY-MM-DD>-<HH.MM>` as each era's bot named the meeting's files. */
export function meetingStem(meeting: Pick<Meeting, "era" | "channel" | "name" | "start">): string {
  if (meeting.era === "irc") return ircFileStem(meeting);
  const hhmm = meeting.start.time.slice(0, 5).replace(":", ".");
  return `${slugify(meeting.name) || "meeting"}.${meeting.start.date}-${hhmm}`;
}

/** The directory a meeting's channel or room is published under (`fedora-meeting`, `meeting_matrix_fedoraproject-org`). */
export function meetingChannelDir(meeting: Pick<Meeting, "era" | "channel">): string {
  return meeting.era === "irc" ? ircChannelDir(meeting.channel) : dirFromChannel(meeting.channel);
}

/** `<channel dir>/<YYYY-MM-DD>/<stem>`: where meetbot.fedoraproject.org keeps the files. */
export function meetingPath(meeting: Meeting): string {
  return `${meetingChannelDir(meeting)}/${meeting.start.date}/${meetingStem(meeting)}`;
}
