import { describe, expect, it } from "vitest";
import {
  ACK,
  ACK_DONE,
  chairsLine,
  endNotice,
  issueLinksNotice,
  renamedNotice,
  startNotice,
} from "../../src/bot/notices.ts";
import { renderReply } from "../../src/bot/reply.ts";
import { CHAIRS_ANNOUNCEMENT, foldMeetings } from "../../src/core/fold-meeting.ts";
import type { Meeting } from "../../src/core/meeting.ts";
import { ownersOf } from "../../src/core/owners.ts";
import { SIGMEET_LOG_MARKER, sigmeetBotOf } from "../../src/core/sigmeet-log.ts";
import { lines } from "../core/lines.ts";

const LINKS = {
  minutes: "https://meetbot.test/sig/2024-01-02/eln.2024-01-02-10.00.html",
  text: "https://meetbot.test/sig/2024-01-02/eln.2024-01-02-10.00.txt",
  log: "https://meetbot.test/sig/2024-01-02/eln.2024-01-02-10.00.log.html",
};

function meetingOf(...body: string[]): Meeting {
  const [meeting] = foldMeetings(
    lines("@chair:test: !startmeeting ELN weekly", ...body, "@chair:test: !endmeeting"),
    { era: "matrix", channel: "#eln:test", dialect: "sigmeet" },
  );
  if (meeting === undefined) throw new Error("no meeting");
  return meeting;
}

const owners = (m: Meeting) => (item: Meeting["items"][number]) => ownersOf(item, m.attendees);

describe("the start notice", () => {
  it("has maubot's two lines, the sigmeet marker and the chairs, as plain text", () => {
    const meeting = meetingOf();
    expect(startNotice(meeting, ["@chair:test", "@pl:test"]).split("\n")).toEqual([
      "Meeting started at 2024-01-02 10:00:00 UTC",
      "The Meeting name is 'ELN weekly'",
      SIGMEET_LOG_MARKER,
      "Current chairs: @chair:test @pl:test",
    ]);
  });

  it("is what the fold and the importer read back: the marker finds the bot, the chairs count", () => {
    const meeting = meetingOf();
    const notice = startNotice(meeting, ["@chair:test", "@pl:test"]);
    const log = lines(
      "@chair:test: !startmeeting ELN weekly",
      ...notice.split("\n").map((l) => `@bot:test: ${l}`),
      "@pl:test: !agreed by a power-level chair",
      "@chair:test: !endmeeting",
    );
    expect(sigmeetBotOf(log)).toBe("@bot:test");
    const [folded] = foldMeetings(log, {
      era: "matrix",
      channel: "#eln:test",
      dialect: "sigmeet",
      bots: ["@bot:test"],
    });
    expect(folded?.chairs).toEqual(["@chair:test", "@pl:test"]);
    expect(folded?.items.map((i) => i.text)).toEqual(["by a power-level chair"]);
  });

  it("announces chairs and renames with fixed wording", () => {
    expect(chairsLine(["@a:x", "@b:y"])).toBe("Current chairs: @a:x @b:y");
    expect(chairsLine(["@a:x"]).startsWith(CHAIRS_ANNOUNCEMENT)).toBe(true);
    expect(renamedNotice("new name")).toBe("The Meeting Name is now new name");
  });

  it("acknowledges every item kind but topic with its own emoji", () => {
    expect(ACK).toEqual({
      action: "🚩",
      info: "✏️",
      agreed: "👍",
      accepted: "👍",
      rejected: "👎",
      idea: "💭",
      help: "🛟",
      link: "🔗",
    });
    expect(ACK.topic).toBeUndefined();
    expect(ACK_DONE).toBe("✅");
  });
});

describe("the end notice", () => {
  it("links the files and lists the actions with owners and the decisions", () => {
    const meeting = meetingOf(
      "@chair:test: !topic Builds",
      "@chair:test: !info not listed",
      "@member:test: !action @member:test to rebuild glibc",
      "@chair:test: !agreed ship it",
      "@chair:test: !accepted proposal A",
      "@chair:test: !rejected proposal B",
    );
    const markdown = endNotice(meeting, LINKS, owners(meeting));
    expect(markdown).toBe(
      [
        `Meeting ended at 2024-01-02 10:00:07 UTC. [Minutes](${LINKS.minutes}) · [text](${LINKS.text}) · [log](${LINKS.log})`,
        "**Action items**",
        "- @\u200Dmember:test to rebuild glibc (@\u200Dmember:test)",
        "**Decisions**",
        "- AGREED: ship it\n- ACCEPTED: proposal A\n- REJECTED: proposal B",
      ].join("\n\n"),
    );
    const { body, html } = renderReply(markdown);
    expect(body).toContain(`Minutes (${LINKS.minutes})`);
    expect(html).toContain(`<a href="${LINKS.minutes}">Minutes</a>`);
    expect(html).toContain("<strong>Action items</strong>");
    expect(body).not.toContain("not listed");
  });

  it("is one line when the meeting had neither actions nor decisions", () => {
    const meeting = meetingOf("@chair:test: !info only info");
    expect(endNotice(meeting, LINKS, owners(meeting))).toBe(
      `Meeting ended at 2024-01-02 10:00:02 UTC. [Minutes](${LINKS.minutes}) · [text](${LINKS.text}) · [log](${LINKS.log})`,
    );
  });

  it("escapes people's text: no markup, no links, no mentions, no line structure", () => {
    const meeting = meetingOf(
      "@member:test: !action <b>bold</b> *em* _u_ `code` [x](https://evil.test) @room #1 | ~s~ \\ !x",
      "@chair:test: !agreed <img src=x onerror=alert(1)> @room",
      "@chair:test: !rejected # not a heading",
    );
    const markdown = endNotice(meeting, LINKS, owners(meeting));
    const { body, html } = renderReply(markdown);
    expect(html).not.toMatch(/<b>|<em>|<code>|<img|<h1|<del>|href="https:\/\/evil/);
    expect(html).not.toContain("@room");
    expect(html).toContain("@\u200Droom");
    expect(html).toContain("&#x3C;b>bold&#x3C;/b>");
    expect(body).toContain(
      "- <b>bold</b> *em* _u_ `code` [x](https://evil.test) @\u200Droom #1 | ~s~ \\ !x",
    );
    expect(body).toContain("- AGREED: <img src=x onerror=alert(1)> @\u200Droom");
    expect(body).toContain("- REJECTED: # not a heading");
    // The owners are escaped too.
    expect(body).toContain("(room)");
  });
});

describe("the issue links notice", () => {
  it("lists the tracked items and the problems, escaped", () => {
    expect(
      issueLinksNotice(
        [{ kind: "action", text: "do *it* @room", url: "https://tracker.test/1" }],
        ["x: <b>boom</b>"],
      ),
    ).toBe(
      "Tracked:\n\n- ACTION: do \\*it\\* @\u200Droom → https://tracker.test/1\n\nSync problems (retried at the next sync):\n\n- x: \\<b\\>boom\\</b\\>",
    );
    expect(issueLinksNotice([], [])).toBe("Nothing of this meeting goes to a tracker.");
  });
});
