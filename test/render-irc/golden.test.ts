import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeLog } from "../../src/core/parse/decode.ts";
import { parseLog } from "../../src/core/parse/parse-log.ts";
import { foldMeetings } from "../../src/core/fold-meeting.ts";
import { renderIrcHtmlMinutes } from "../../src/render/irc/html-minutes.ts";
import { renderIrcLogHtml } from "../../src/render/irc/log-html.ts";
import { renderIrcTextMinutes } from "../../src/render/irc/text-minutes.ts";
import { ircFileStem } from "../../src/render/irc/file-stem.ts";

// The two whole meetings Fedora published on 2020-06-10 (kept in fedora-infra/mote's tests):
// log file → parser → fold → renderers must give back the published files byte for byte.
const DIR =
  "/work/shared/corpus/raw/github/fedora-infra/mote/tests/meetbot/fedora-meeting/2020-06-10/";
const STEMS = [
  "fedora_iot_working_group_meeting.2020-06-10-14.10",
  "magazine.2020-06-10-12.02",
] as const;

function meetingOf(stem: string) {
  const { text } = decodeLog(new Uint8Array(readFileSync(`${DIR}${stem}.log.txt`)));
  const parsed = parseLog(text, { fileName: `${stem}.log.txt` });
  const meetings = foldMeetings(parsed.lines, { era: "irc", channel: "#fedora-meeting" });
  expect(meetings).toHaveLength(1);
  return meetings[0]!;
}

function published(stem: string, ext: string): string {
  return readFileSync(`${DIR}${stem}${ext}`, "utf8");
}

describe.each(STEMS)("published meeting %s", (stem) => {
  it("has the published file stem", () => {
    expect(ircFileStem(meetingOf(stem))).toBe(stem);
  });

  it("renders the .txt minutes byte for byte", () => {
    expect(renderIrcTextMinutes(meetingOf(stem))).toBe(published(stem, ".txt"));
  });

  it("renders the .html minutes byte for byte", () => {
    expect(renderIrcHtmlMinutes(meetingOf(stem))).toBe(published(stem, ".html"));
  });

  it("renders the .log.html byte for byte", () => {
    const m = meetingOf(stem);
    expect(renderIrcLogHtml(m.lines, { channel: m.channel })).toBe(published(stem, ".log.html"));
  });
});
