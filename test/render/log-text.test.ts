import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMeetings } from "../../src/app/load-meetings.ts";
import { renderMeeting } from "../../src/app/render-meeting.ts";
import { DEFAULT_BOTS } from "../../src/core/fold-meeting.ts";
import { MOTE } from "../corpus-paths.ts";

const ctx = { aliases: new Map<string, string>(), logUrlBase: "https://meetbot.fedoraproject.org" };

describe("the raw log (.log.txt) is written back exactly", () => {
  it.each(["magazine.2020-06-10-12.02", "fedora_iot_working_group_meeting.2020-06-10-14.10"])(
    "%s",
    (stem) => {
      const original = readFileSync(join(MOTE, `${stem}.log.txt`), "utf8");
      for (const source of [`${stem}.log.txt`, `${stem}.log.html`]) {
        const text = readFileSync(join(MOTE, source), "utf8");
        const [meeting] = loadMeetings(text, source, {
          channel: "#fedora-meeting",
          bots: DEFAULT_BOTS,
        }).meetings;
        expect(renderMeeting(meeting!, "log", ctx)).toBe(original);
      }
    },
  );

  it("writes Matrix-era lines in maubot's shape", () => {
    const text = [
      "2026-05-06 14:01:38 <@jflory7:fedora.im> !startmeeting Fedora Council",
      "2026-05-06 14:01:39 <@meetbot:fedora.im> Meeting started at 2026-05-06 14:01:38 UTC",
      "2026-05-06 14:02:00 <@jflory7:fedora.im> !endmeeting",
      "",
    ].join("\n");
    const [meeting] = loadMeetings(text, "council.2026-05-06-14.01.log.txt", {
      bots: DEFAULT_BOTS,
    }).meetings;
    expect(renderMeeting(meeting!, "log", ctx)).toBe(text);
  });
});
