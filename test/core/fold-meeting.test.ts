import { describe, expect, it } from "vitest";
import { foldMeetings, meetbotName } from "../../src/core/fold-meeting.ts";
import type { Meeting } from "../../src/core/meeting.ts";
import { lines } from "./lines.ts";

const irc = (...specs: string[]): Meeting[] =>
  foldMeetings(lines(...specs), { era: "irc", channel: "#fedora-meeting" });
const one = (...specs: string[]): Meeting => {
  const meetings = irc(...specs);
  expect(meetings).toHaveLength(1);
  return meetings[0]!;
};
const kinds = (m: Meeting): string[] => m.items.map((i) => `${i.kind}:${i.text}`);

describe("IRC era (zodbot MeetBot)", () => {
  it("starts on #startmeeting with a title and names the meeting after it", () => {
    const m = one("alice: hello", "alice: #startmeeting ELN SIG Weekly", "alice: #endmeeting");
    expect(m.title).toBe("ELN SIG Weekly");
    expect(m.name).toBe("eln_sig_weekly");
    expect(m.owner).toBe("alice");
    expect(m.start).toEqual({ line: 2, date: "2024-01-02", time: "10:00:01" });
    expect(m.end?.line).toBe(3);
    // Lines before the meeting are not part of it.
    expect(m.lines.map((l) => l.n)).toEqual([2, 3]);
  });

  it("refuses #startmeeting without a title (Fedora's patch)", () => {
    expect(irc("alice: #startmeeting", "alice: #topic x", "alice: #endmeeting")).toEqual([]);
  });

  it("ignores everything but #startmeeting outside a meeting", () => {
    const m = one(
      "alice: #info before",
      "alice: #startmeeting T",
      "alice: #endmeeting",
      "alice: #info after",
    );
    expect(m.items).toEqual([]);
  });

  it("recognises commands case-insensitively, only at the start of the line", () => {
    const m = one(
      "alice: #startmeeting T",
      "alice: #TOPIC Big",
      "alice:  #info leading space",
      "alice: note #info in the middle",
      "alice: #Info shouting",
      "alice: #AllLookSame",
      "alice: #proposed #agreed not yet",
      "alice: proposed #agreed not yet",
      "alice: #endmeeting",
    );
    expect(kinds(m)).toEqual(["topic:Big", "info:shouting"]);
  });

  it("keeps the punctuation after a command word in the text (#agreed: x)", () => {
    const m = one("alice: #startmeeting T", "alice: #agreed: ship it", "alice: #endmeeting");
    expect(kinds(m)).toEqual(["agreed:: ship it"]);
  });

  it("lets only chairs set topics, decisions, undo and end the meeting", () => {
    const m = one(
      "alice: #startmeeting T",
      "bob: #topic not a chair",
      "bob: #agreed nope",
      "bob: #accepted nope",
      "bob: #rejected nope",
      "bob: #action bob to do it",
      "bob: #info anyone may",
      "bob: #idea anyone may",
      "bob: #help anyone may",
      "bob: #halp anyone may",
      "bob: #link https://example.org anyone may",
      "bob: #undo",
      "bob: #endmeeting",
      "alice: #endmeeting",
    );
    expect(kinds(m)).toEqual([
      "action:bob to do it",
      "info:anyone may",
      "idea:anyone may",
      "help:anyone may",
      "help:anyone may",
      "link:https://example.org anyone may",
    ]);
    expect(m.end?.line).toBe(14);
  });

  it("#chair adds chairs (split on commas and spaces) who may then chair; #unchair removes them but never the owner", () => {
    const m = one(
      "alice: #startmeeting T",
      "alice: #chair bob, carol  dave",
      "bob: #topic by bob",
      "alice: #unchair bob alice",
      "bob: #topic refused",
      "alice: #topic by alice",
      "alice: #endmeeting",
    );
    expect(kinds(m)).toEqual(["topic:by bob", "topic:by alice"]);
    expect(m.chairs).toEqual(["alice", "carol", "dave"]);
    // New chairs are attendees with zero lines, added at the #chair line.
    expect(m.attendees).toEqual([
      { nick: "alice", lines: 5 },
      { nick: "bob", lines: 2 },
      { nick: "carol", lines: 0 },
      { nick: "dave", lines: 0 },
    ]);
  });

  it("#undo removes the newest item of any kind, a topic included, and is repeatable", () => {
    const m = one(
      "alice: #startmeeting T",
      "alice: #topic one",
      "alice: #info a",
      "alice: #topic two",
      "alice: #action b",
      "alice: #undo",
      "alice: #undo",
      "alice: #info c",
      "alice: #endmeeting",
    );
    expect(kinds(m)).toEqual(["topic:one", "info:a", "info:c"]);
    // After the topic was undone, later items belong to the topic before it.
    expect(m.items.map((i) => i.topic)).toEqual([null, "one", "one"]);
  });

  it("#undo on empty minutes does nothing", () => {
    const m = one("alice: #startmeeting T", "alice: #undo", "alice: #info x", "alice: #endmeeting");
    expect(kinds(m)).toEqual(["info:x"]);
  });

  it("supports the aliases #agree, #accept, #halp and treats #reject as chat (zodbot's broken alias)", () => {
    const m = one(
      "alice: #startmeeting T",
      "alice: #agree a",
      "alice: #accept b",
      "alice: #reject c",
      "alice: #rejected d",
      "alice: #endmeeting",
    );
    expect(kinds(m)).toEqual(["agreed:a", "accepted:b", "rejected:d"]);
  });

  it("auto-links bare URL lines, but not /me lines, the bot's lines or uppercase schemes", () => {
    const m = one(
      "alice: #startmeeting T",
      "bob: https://example.org/x look",
      "bob: HTTPS://example.org/y",
      "* bob https://example.org/z",
      "zodbot: https://example.org/bot",
      "bob: see https://example.org/w",
      "bob: mailto://x@example.org",
      "alice: #endmeeting",
    );
    expect(kinds(m)).toEqual(["link:https://example.org/x look", "link:mailto://x@example.org"]);
    expect(m.items[0]?.nick).toBe("bob");
  });

  it("never takes the bot's lines as commands", () => {
    const m = one(
      "alice: #startmeeting T",
      "zodbot: #endmeeting",
      "zodbot: #info x",
      "alice: #endmeeting",
    );
    expect(m.items).toEqual([]);
    expect(m.end?.line).toBe(4);
  });

  it("renames with #meetingname (anyone, as in zodbot) and remembers the old name", () => {
    const m = one(
      "alice: #startmeeting Magazine editorial board",
      "bob: #meetingname  The   Magazine ",
      "alice: #endmeeting",
    );
    expect(m.name).toBe("the_magazine");
    expect(m.previousNames).toEqual(["magazine_editorial_board"]);
    expect(m.title).toBe("Magazine editorial board");
  });

  it("lets a chair replace the minutes' heading with #meetingtopic", () => {
    const m = one(
      "alice: #startmeeting First title",
      "bob: #meetingtopic not a chair",
      "alice: #meetingtopic  Second title ",
      "alice: #endmeeting",
    );
    expect(m.title).toBe("Second title");
    expect(m.name).toBe("first_title");
  });

  it("restarts the clock and the name on a second #startmeeting", () => {
    const m = one(
      "alice: #startmeeting First",
      "alice: #info x",
      "alice: #startmeeting Second",
      "alice: #endmeeting",
    );
    expect(m.start.line).toBe(3);
    expect(m.name).toBe("second");
    expect(m.title).toBe("Second");
    expect(kinds(m)).toEqual(["info:x"]);
  });

  it("#nick adds attendees with zero lines", () => {
    const m = one("alice: #startmeeting T", "bob: #nick carol, dave", "alice: #endmeeting");
    expect(m.attendees.map((a) => `${a.nick}=${a.lines}`)).toEqual([
      "alice=2",
      "bob=1",
      "carol=0",
      "dave=0",
    ]);
  });

  it("counts every line in the meeting, /me and bot lines included", () => {
    const m = one(
      "alice: #startmeeting T",
      "zodbot: Meeting started",
      "* bob waves",
      "bob: hi",
      "alice: #endmeeting",
    );
    expect(m.attendees).toEqual([
      { nick: "alice", lines: 2 },
      { nick: "zodbot", lines: 1 },
      { nick: "bob", lines: 2 },
    ]);
  });

  it("keeps a meeting whose log stops before #endmeeting, with end null", () => {
    const m = one("alice: #startmeeting T", "alice: #info x", "bob: still talking");
    expect(m.end).toBeNull();
    expect(m.lines).toHaveLength(3);
  });

  it("reads several meetings from one log", () => {
    const ms = irc(
      "a: #startmeeting One",
      "a: #endmeeting",
      "b: between",
      "b: #startmeeting Two",
      "b: #info x",
      "b: #endmeeting",
    );
    expect(ms.map((m) => [m.name, m.owner, m.items.length])).toEqual([
      ["one", "a", 0],
      ["two", "b", 1],
    ]);
  });

  it("names meetings as MeetBot does", () => {
    expect(meetbotName(" Fedora 20 Elections: FAmSCo  Townhall ")).toBe(
      "fedora_20_elections:_famsco_townhall",
    );
  });
});

describe("Matrix era (maubot-meetings)", () => {
  const matrix = (...specs: string[]): Meeting[] =>
    foldMeetings(lines(...specs), {
      era: "matrix",
      channel: "#meeting:fedoraproject.org",
      roomName: "ELN",
    });

  it("takes ! commands, lower case, followed by a space or the end of the line", () => {
    const [m] = matrix(
      "@a:x: !startmeeting ELN SIG",
      "@a:x: !topic  Intros  ",
      "@b:y: !info   stripped   ",
      "@b:y: !INFO shouting is chat",
      "@b:y: !info:colon is chat",
      "@b:y: !help is chat here",
      "@b:y: !accepted is chat here",
      "@b:y: !halp help me",
      "@b:y: !info",
      "@a:x: !agreed yes",
      "@a:x: !rejected no",
      "@a:x: !idea maybe",
      "@a:x: !link https://x.org",
      "@a:x: !action @b do it",
      "@a:x: !undo is chat here",
      "@a:x: !endmeeting",
    );
    expect(m).toBeDefined();
    expect(kinds(m!)).toEqual([
      "topic:Intros  ",
      "info:stripped",
      "help:help me",
      "info:",
      "agreed:yes",
      "rejected:no",
      "idea:maybe",
      "link:https://x.org",
      "action:@b do it",
    ]);
  });

  it("names a meeting without a name after the room, and renames with !meetingname as typed", () => {
    const [m] = matrix("@a:x: !sm", "@a:x: !mn ELN Weekly", "@a:x: !em");
    expect(m?.title).toBe("ELN");
    expect(m?.name).toBe("ELN Weekly");
  });

  it("does not auto-link bare URLs", () => {
    const [m] = matrix("@a:x: !startmeeting T", "@b:y: https://x.org", "@a:x: !endmeeting");
    expect(m?.items).toEqual([]);
  });

  it("ignores a second !startmeeting (meeting already in progress)", () => {
    const [m] = matrix("@a:x: !startmeeting T", "@b:y: !startmeeting U", "@a:x: !endmeeting");
    expect(m?.title).toBe("T");
    expect(m?.start.line).toBe(1);
  });
});

describe("sigmeet's live dialect in Matrix rooms", () => {
  const live = (...specs: string[]): Meeting[] =>
    foldMeetings(lines(...specs), {
      era: "matrix",
      channel: "#eln:fedoraproject.org",
      dialect: "sigmeet",
      bots: ["@bot:x"],
      roomName: "ELN SIG",
    });

  it("takes the bot's `Current chairs:` line as the chairs, the owner always kept", () => {
    const [m] = live(
      "@a:x: !startmeeting",
      "@b:x: !topic too early",
      "@bot:x: Current chairs: @b:x @c:x",
      "@b:x: !topic on time",
      "@c:x: #agreed yes",
      "@a:x: !endmeeting",
    );
    expect(m?.chairs).toEqual(["@a:x", "@b:x", "@c:x"]);
    expect(m?.items.map((i) => `${i.kind}:${i.text}`)).toEqual(["topic:on time", "agreed:yes"]);
    // The bot's line counts as said, as maubot counted its notices.
    expect(m?.attendees.find((a) => a.nick === "@bot:x")?.lines).toBe(1);
  });

  it("ignores the same words from a member, and from anyone outside the sigmeet dialect", () => {
    const [m] = live(
      "@a:x: !startmeeting eln",
      "@b:x: Current chairs: @b:x",
      "@b:x: !topic mine now?",
      "@a:x: !endmeeting",
    );
    expect(m?.chairs).toEqual(["@a:x"]);
    expect(m?.items).toEqual([]);
    const maubot = foldMeetings(
      lines("@a:x: !startmeeting eln", "@bot:x: Current chairs: @b:x", "@a:x: !endmeeting"),
      { era: "matrix", channel: "#eln:x", bots: ["@bot:x"] },
    );
    expect(maubot[0]?.chairs).toEqual(["@a:x"]);
  });

  it("names a bare !startmeeting after the room and keeps names as typed, as maubot did", () => {
    const [m] = live("@a:x: !startmeeting", "@a:x: !meetingname ELN Weekly", "@a:x: !endmeeting");
    expect(m?.title).toBe("ELN SIG");
    expect(m?.name).toBe("ELN Weekly");
    expect(m?.previousNames).toEqual(["ELN SIG"]);
  });

  it("answers a second !startmeeting with nothing: the meeting goes on unchanged", () => {
    const [m] = live(
      "@a:x: !startmeeting first",
      "@a:x: !startmeeting second",
      "@a:x: !endmeeting",
    );
    expect(m?.name).toBe("first");
    expect(m?.start.line).toBe(1);
  });
});
