import { describe, expect, it } from "vitest";
import type { Item, Meeting } from "../../src/core/meeting.ts";
import { MeetingJsonSchema, meetingToJson } from "../../src/render/json/index.ts";

function it_(
  kind: Item["kind"],
  text: string,
  n: number,
  time: string,
  topic: string | null,
  nick = "bcotton",
  date = "2020-06-10",
): Item {
  return { kind, text, nick, line: n, date, time, topic };
}

const ITEMS: Item[] = [
  it_("info", "before any topic", 3, "12:02:40", null),
  it_("topic", "Roll call", 4, "12:02:48", null),
  it_("topic", "Agenda", 10, "12:06:11", "Roll call"),
  it_("link", "https://docs.fedoraproject.org/x more words", 11, "12:06:12", "Agenda"),
  it_("link", "Board: https://example.org/b", 12, "12:06:13", "Agenda"),
  it_("link", "javascript://%0aalert(1)", 13, "12:06:14", "Agenda"),
  it_("action", "asamalik to finalize the success criteria", 40, "12:51:09", "Agenda"),
  it_("action", "nobody in particular", 41, "12:51:10", "Agenda"),
  it_("agreed", "ship it", 42, "12:52:00", "Agenda", "x"),
  it_("accepted", "we accept", 43, "12:53:00", "Agenda"),
  it_("rejected", "not this", 44, "12:54:00", "Agenda"),
  it_("idea", "an idea", 45, "12:55:00", "Agenda"),
  it_("help", "need hands", 46, "12:56:00", "Agenda"),
  it_("info", "after midnight", 47, "00:01:00", "Agenda", "bcotton", "2020-06-11"),
];

const M: Meeting = {
  era: "irc",
  channel: "#fedora-meeting",
  title: "Magazine editorial board",
  name: "magazine",
  previousNames: ["magazine_editorial_board"],
  owner: "bcotton",
  chairs: ["bcotton", "asamalik"],
  start: { line: 1, date: "2020-06-10", time: "12:02:26" },
  end: { line: 50, date: "2020-06-11", time: "00:02:00" },
  items: ITEMS,
  attendees: [
    { nick: "bcotton", lines: 136 },
    { nick: "asamalik", lines: 0 },
  ],
  lines: [],
};

const ownersOf = (i: Item) => (i.text.startsWith("asamalik") ? ["asamalik"] : []);
const URL_ =
  "https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/magazine.2020-06-10-12.02";

describe("meetingToJson", () => {
  const j = meetingToJson(M, { ownersOf, url: URL_ });

  it("fills the header fields", () => {
    expect(j).toMatchObject({
      schemaVersion: 1,
      era: "irc",
      channel: "#fedora-meeting",
      name: "magazine",
      previousNames: ["magazine_editorial_board"],
      title: "Magazine editorial board",
      url: URL_,
      owner: "bcotton",
      started: "2020-06-10T12:02:26Z",
      ended: "2020-06-11T00:02:00Z",
      chairs: ["bcotton", "asamalik"],
      attendees: [
        { nick: "bcotton", lines: 136 },
        { nick: "asamalik", lines: 0 },
      ],
    });
  });

  it("sorts items by kind with their topic, time and line", () => {
    expect(j.topics).toEqual([
      { text: "Roll call", time: "2020-06-10T12:02:48Z", nick: "bcotton", line: 4 },
      { text: "Agenda", time: "2020-06-10T12:06:11Z", nick: "bcotton", line: 10 },
    ]);
    expect(j.actions).toEqual([
      {
        text: "asamalik to finalize the success criteria",
        owners: ["asamalik"],
        time: "2020-06-10T12:51:09Z",
        topic: "Agenda",
        nick: "bcotton",
        line: 40,
      },
      {
        text: "nobody in particular",
        owners: [],
        time: "2020-06-10T12:51:10Z",
        topic: "Agenda",
        nick: "bcotton",
        line: 41,
      },
    ]);
    expect(j.decisions.map((d) => [d.kind, d.text, d.nick])).toEqual([
      ["agreed", "ship it", "x"],
      ["accepted", "we accept", "bcotton"],
      ["rejected", "not this", "bcotton"],
    ]);
    expect(j.info).toEqual([
      {
        text: "before any topic",
        time: "2020-06-10T12:02:40Z",
        topic: null,
        nick: "bcotton",
        line: 3,
      },
      {
        text: "after midnight",
        time: "2020-06-11T00:01:00Z",
        topic: "Agenda",
        nick: "bcotton",
        line: 47,
      },
    ]);
    expect(j.ideas.map((x) => x.text)).toEqual(["an idea"]);
    expect(j.help.map((x) => x.text)).toEqual(["need hands"]);
  });

  it("gives links a url only for a leading absolute URL of a safe scheme", () => {
    expect(j.links.map((l) => l.url)).toEqual([
      "https://docs.fedoraproject.org/x",
      undefined,
      undefined,
    ]);
    expect("url" in j.links[1]!).toBe(false);
    expect(j.links[0]!.text).toBe("https://docs.fedoraproject.org/x more words");
  });

  it("has no owners without ownersOf, and a null end for a log that stops early", () => {
    const k = meetingToJson({ ...M, end: null });
    expect(k.ended).toBeNull();
    expect(k.url).toBeNull();
    expect(k.actions.every((a) => a.owners.length === 0)).toBe(true);
  });

  it("parses with the schema and round-trips through JSON text", () => {
    const text = JSON.stringify(j);
    const back: unknown = JSON.parse(text);
    expect(back).toEqual(j);
    const parsed = MeetingJsonSchema.parse(back);
    expect(parsed).toEqual(j);
    expect(JSON.stringify(parsed)).toBe(text);
  });
});

describe("MeetingJsonSchema", () => {
  const good = meetingToJson(M, { ownersOf });

  it("rejects another schema version", () => {
    expect(MeetingJsonSchema.safeParse({ ...good, schemaVersion: 2 }).success).toBe(false);
  });

  it("rejects times that are not ISO 8601 UTC", () => {
    expect(MeetingJsonSchema.safeParse({ ...good, started: "2020-06-10 12:02:26" }).success).toBe(
      false,
    );
    expect(MeetingJsonSchema.safeParse({ ...good, ended: "12:02:26" }).success).toBe(false);
  });

  it("rejects an unknown decision kind and a bad line number", () => {
    const d = { ...good.decisions[0]!, kind: "vetoed" };
    expect(MeetingJsonSchema.safeParse({ ...good, decisions: [d] }).success).toBe(false);
    const t = { ...good.topics[0]!, line: 0 };
    expect(MeetingJsonSchema.safeParse({ ...good, topics: [t] }).success).toBe(false);
  });

  it("rejects a missing field but accepts additive ones", () => {
    const { attendees: _dropped, ...missing } = good;
    expect(MeetingJsonSchema.safeParse(missing).success).toBe(false);
    expect(MeetingJsonSchema.safeParse({ ...good, futureField: 1 }).success).toBe(true);
  });
});
