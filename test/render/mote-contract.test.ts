import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMeetings } from "../../src/app/load-meetings.ts";
import { renderMeeting } from "../../src/app/render-meeting.ts";
import { DEFAULT_BOTS } from "../../src/core/fold-meeting.ts";
import { foldMeetings } from "../../src/core/fold-meeting.ts";
import type { LogLine } from "../../src/core/log-line.ts";
import { meetingStem } from "../../src/render/file-names.ts";
import { MOTE } from "../corpus-paths.ts";

/**
 * What Fedora's mote front end reads from HTML minutes (fedora-infra/mote `fetch_meeting_summary`),
 * re-implemented as checks over the rendered page's text: if these hold, mote lists the meeting
 * with its title, duration, people, topics and actions.
 */
function scrapeLikeMote(html: string) {
  const text = html.replace(/<[^>]*>/g, "");
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  const started = /Meeting started.* at (\d+:\d+:\d+) UTC/.exec(text)?.[1];
  const ended = /Meeting ended.* at (\d+:\d+:\d+) UTC/.exec(text)?.[1];
  const people = /People present[^<]*<\/h3>\s*<ol>([\s\S]*?)<\/ol>/i.exec(html)?.[1];
  const summary = /<h3>Meeting summary<\/h3>\s*<ol>([\s\S]*?)Meeting ended/.exec(html)?.[1];
  const topics = [...(summary ?? "").matchAll(/<b class="TOPIC">([^<]*)<\/b>/g)].map((m) => m[1]);
  const actions = /<h3>Action items<\/h3>\s*<ol>([\s\S]*?)<\/ol>/.exec(html)?.[1];
  return {
    // mote keeps what follows the last ": ", with "_" as spaces.
    title: title.slice(title.lastIndexOf(": ") + 2).replaceAll("_", " "),
    started,
    ended,
    people: [...(people ?? "").matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]?.trim()),
    topics,
    actions: [...(actions ?? "").matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]?.trim()),
  };
}

// mote discovers meetings by their .log.html whose stem matches this.
const STEM = /^(.*)[-.]([0-9]{4}-[0-9]{2}-[0-9]{2})-([0-9]{2}\.[0-9]{2})$/;

describe("HTML minutes stay scrapable by mote", () => {
  it("IRC era (the published Magazine minutes and ours are the same bytes)", () => {
    const log = loadMeetings(
      readFileSync(join(MOTE, "magazine.2020-06-10-12.02.log.txt"), "utf8"),
      "x.log.txt",
      {
        channel: "#fedora-meeting",
        bots: DEFAULT_BOTS,
      },
    );
    const meeting = log.meetings[0]!;
    const html = renderMeeting(meeting, "html", {
      aliases: new Map(),
      logUrlBase: "https://meetbot.fedoraproject.org",
    });
    const got = scrapeLikeMote(html);
    expect(got.title).toBe("Magazine editorial board");
    expect([got.started, got.ended]).toEqual(["12:02:26", "13:00:23"]);
    expect(got.people[0]).toBe("bcotton (136)");
    expect(got.topics).toHaveLength(12);
    expect(got.actions).toHaveLength(8);
    expect(STEM.test(meetingStem(meeting))).toBe(true);
  });

  it("Matrix era", () => {
    const at = (n: number, nick: string, text: string): LogLine => ({
      n,
      date: "2025-06-18",
      time: `14:0${n}:00`,
      nick,
      action: false,
      text,
    });
    const [meeting] = foldMeetings(
      [
        at(1, "@amoloney:fedora.im", "!startmeeting Fedora Council Meeting"),
        at(2, "@meetbot:fedora.im", "Meeting started at 2025-06-18 14:01:00 UTC"),
        at(3, "@amoloney:fedora.im", "!topic Intros"),
        at(4, "@churchyard:fedora.im", "!action @churchyard write <the> report"),
        at(5, "@amoloney:fedora.im", "!endmeeting"),
      ],
      { era: "matrix", channel: "#meeting:fedoraproject.org" },
    );
    const html = renderMeeting(meeting!, "html", {
      aliases: new Map(),
      logUrlBase: "https://meetbot.fedoraproject.org",
    });
    const got = scrapeLikeMote(html);
    expect(got.title).toBe("Fedora Council Meeting");
    expect([got.started, got.ended]).toEqual(["14:01:00", "14:05:00"]);
    expect(got.topics).toEqual(["Intros"]);
    expect(got.actions).toEqual(["@churchyard write &lt;the&gt; report"]);
    expect(got.people).toContain("@amoloney:fedora.im (3)");
    expect(STEM.test(meetingStem(meeting!))).toBe(true);
  });
});
