import type { Meeting } from "../core/meeting.ts";
import { ownersOf, type AliasMap } from "../core/owners.ts";
import { meetingPath } from "../render/file-names.ts";
import { renderIrcHtmlMinutes } from "../render/irc/html-minutes.ts";
import { ircLogUrl, ircMeetingUrl } from "../render/irc/file-stem.ts";
import { renderIrcLogHtml } from "../render/irc/log-html.ts";
import { renderIrcLogText } from "../render/irc/log-text.ts";
import { renderIrcTextMinutes } from "../render/irc/text-minutes.ts";
import { meetingToJson } from "../render/json/meeting-json.ts";
import { renderMarkdownMinutes } from "../render/markdown/minutes.ts";
import {
  renderMatrixHtmlMinutes,
  renderMatrixLogHtml,
  renderMatrixLogText,
  renderMatrixTextMinutes,
} from "../render/matrix/index.ts";

export const MINUTES_FORMATS = ["text", "html", "md", "json", "log", "log-html"] as const;
export type MinutesFormat = (typeof MINUTES_FORMATS)[number];

/** The file extension each format is published under, as Fedora names the files. */
export const EXTENSION: Readonly<Record<MinutesFormat, string>> = {
  text: ".txt",
  html: ".html",
  md: ".md",
  json: ".json",
  log: ".log.txt",
  "log-html": ".log.html",
};

export interface RenderContext {
  readonly aliases: AliasMap;
  readonly logUrlBase: string;
}

/**
 * The MeetBot writer version whose output an IRC-era meeting is regenerated with. zodbot ran
 * MeetBot 0.1.4 until 2021, then a Python 3 port that called itself 0.4; its start message names
 * the new info page, which tells the two apart better than any date.
 */
export function ircWriterOf(meeting: Meeting): "0.1.4" | "0.4" {
  for (const line of meeting.lines.slice(0, 12)) {
    if (line.text.includes("Information about MeetBot at https://fedoraproject.org/wiki/Zodbot"))
      return "0.4";
  }
  return "0.1.4";
}

/** Renders one meeting in one format; pure. */
export function renderMeeting(meeting: Meeting, format: MinutesFormat, ctx: RenderContext): string {
  const owners = (item: Meeting["items"][number]): string[] =>
    ownersOf(item, meeting.attendees, ctx.aliases);
  const irc = { logUrlBase: ctx.logUrlBase, writer: ircWriterOf(meeting) };
  switch (format) {
    case "text":
      return meeting.era === "irc"
        ? renderIrcTextMinutes(meeting, irc)
        : renderMatrixTextMinutes(meeting);
    case "html":
      return meeting.era === "irc"
        ? renderIrcHtmlMinutes(meeting, irc)
        : renderMatrixHtmlMinutes(meeting);
    case "log":
      return meeting.era === "irc"
        ? renderIrcLogText(meeting.lines)
        : renderMatrixLogText(meeting.lines);
    case "log-html":
      return meeting.era === "irc"
        ? renderIrcLogHtml(meeting.lines, { channel: meeting.channel })
        : renderMatrixLogHtml(meeting);
    case "md":
      return renderMarkdownMinutes(meeting, {
        ownersOf: owners,
        logUrl: logUrlOf(meeting, ctx.logUrlBase),
      });
    case "json":
      return `${JSON.stringify(meetingToJson(meeting, { ownersOf: owners, url: urlOf(meeting, ctx.logUrlBase) }))}\n`;
  }
}

function urlOf(meeting: Meeting, base: string): string {
  return meeting.era === "irc"
    ? ircMeetingUrl(meeting, base)
    : `${base.replace(/\/$/, "")}/${meetingPath(meeting)}`;
}

function logUrlOf(meeting: Meeting, base: string): string {
  return meeting.era === "irc" ? ircLogUrl(meeting, base) : `${urlOf(meeting, base)}.log.html`;
}
