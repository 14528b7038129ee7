import { describe, expect, it } from "vitest";
import { foldMeetings } from "../../src/core/fold-meeting.ts";
import { LiveLog, type LiveEvent } from "../../src/core/live-log.ts";

const T0 = Date.UTC(2026, 10, 26, 14, 0, 0);
let counter = 0;
function ev(sender: string, body: string, extra: Partial<LiveEvent> = {}): LiveEvent {
  counter++;
  return {
    eventId: `$e${String(counter)}`,
    sender,
    ts: T0 + counter * 1000,
    msgtype: "m.text",
    body,
    ...extra,
  };
}
const CHAIR = "@sgallagh:fedora.im";
const MEMBER = "@yselkowitz:fedora.im";

function fold(log: LiveLog) {
  return foldMeetings(log.lines(), {
    era: "matrix",
    channel: "#eln:fedoraproject.org",
    dialect: "sigmeet",
  });
}

describe("LiveLog", () => {
  it("logs a multi-line message as several lines, numbered by position, empty lines included", () => {
    const log = new LiveLog();
    log.add(ev(CHAIR, "!startmeeting ELN"));
    log.add(ev(MEMBER, "first\n\n!info two lines later"));
    expect(log.lines().map((l) => [l.n, l.nick, l.text])).toEqual([
      [1, CHAIR, "!startmeeting ELN"],
      [2, MEMBER, "first"],
      [3, MEMBER, ""],
      [4, MEMBER, "!info two lines later"],
    ]);
    expect(log.lines()[0]?.date).toBe("2026-11-26");
    expect(log.lines()[0]?.time).toMatch(/^14:0\d:\d\d$/);
  });

  it("counts several commands pasted in one message", () => {
    const log = new LiveLog();
    log.add(ev(CHAIR, "!startmeeting ELN"));
    log.add(ev(CHAIR, "!topic builds\n!action sgallagh to draft the policy\n!agreed enable v3"));
    log.add(ev(CHAIR, "!endmeeting"));
    expect(fold(log)[0]?.items.map((i) => i.kind)).toEqual(["topic", "action", "agreed"]);
  });

  it("applies an edit of an item to its line, and ignores edits that would rewrite control", () => {
    const log = new LiveLog();
    const start = ev(CHAIR, "!startmeeting ELN");
    const action = ev(MEMBER, "!action yselkowitz to rebuild glib");
    const chat = ev(MEMBER, "hello");
    for (const e of [start, action, chat]) log.add(e);
    expect(log.edit(action.eventId, MEMBER, "!action yselkowitz to rebuild glibc")).toBe("edited");
    expect(log.edit(action.eventId, CHAIR, "!action someone else")).toBe("ignored"); // not the sender
    expect(log.edit(chat.eventId, MEMBER, "!endmeeting")).toBe("ignored");
    expect(log.edit(start.eventId, CHAIR, "!startmeeting Other")).toBe("ignored");
    expect(log.edit("$nope", MEMBER, "x")).toBe("ignored");
    expect(fold(log)[0]?.items.map((i) => i.text)).toEqual(["yselkowitz to rebuild glibc"]);
  });

  it("drops a redacted message's lines and renumbers, so nothing redacted is published", () => {
    const log = new LiveLog();
    const secret = ev(MEMBER, "my password is hunter2\n!info oops");
    log.add(ev(CHAIR, "!startmeeting ELN"));
    log.add(secret);
    log.add(ev(CHAIR, "!info after"));
    expect(log.redact(secret.eventId)).toBe("redacted");
    expect(log.lines().map((l) => [l.n, l.text])).toEqual([
      [1, "!startmeeting ELN"],
      [2, "!info after"],
    ]);
    expect(log.redact(secret.eventId)).toBe("ignored");
  });

  it("finds an event's lines and the event of a line, as numbered now", () => {
    const log = new LiveLog();
    const start = ev(CHAIR, "!startmeeting ELN");
    const multi = ev(MEMBER, "one\ntwo\nthree");
    const last = ev(CHAIR, "!info after");
    for (const e of [start, multi, last]) log.add(e);
    expect(log.linesOf(multi.eventId)).toEqual({ first: 2, last: 4 });
    expect([1, 2, 4, 5, 6].map((n) => log.eventAt(n))).toEqual([
      start.eventId,
      multi.eventId,
      multi.eventId,
      last.eventId,
      undefined,
    ]);
    expect(log.edit(multi.eventId, MEMBER, "uno\ndos\ntres")).toBe("edited");
    expect(log.get(multi.eventId)?.body).toBe("uno\ndos\ntres");
    log.redact(multi.eventId);
    expect(log.get(multi.eventId)).toBeUndefined();
    expect(log.linesOf(multi.eventId)).toBeNull();
    expect(log.linesOf(last.eventId)).toEqual({ first: 2, last: 2 });
  });

  it("ignores emotes and replayed events, and strips a reply's legacy fallback", () => {
    const log = new LiveLog();
    const first = ev(CHAIR, "!startmeeting ELN");
    expect(log.add(first)).toBe("added");
    expect(log.add(first)).toBe("ignored");
    expect(log.add(ev(CHAIR, "waves", { msgtype: "m.emote" }))).toBe("ignored");
    log.add(
      ev(MEMBER, "> <@sgallagh:fedora.im> !startmeeting ELN\n> more\n\n!info agreed with that", {
        inReplyTo: first.eventId,
      }),
    );
    expect(log.lines().map((l) => l.text)).toEqual(["!startmeeting ELN", "!info agreed with that"]);
  });
});
