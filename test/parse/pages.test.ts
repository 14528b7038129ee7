import { describe, expect, it } from "vitest";
import { parseLog } from "../../src/core/parse/parse-log.ts";

describe("pages with whitespace collapsed", () => {
  it("splits a Matrix log on each message start", () => {
    const text =
      "2026-05-06 14:01:38 <@jflory7:fedora.im> !startmeeting Fedora Council 2026-05-06 14:01:39 <@meetbot:fedora.im> Meeting started at 2026-05-06 14:01:38 UTC 2026-05-06 14:01:40 <@a:b> 2026-05-06 14:01:42 <@t0xic0der:fedora.im> 👋 cut her";
    const r = parseLog(text, { fileName: "council.2026-05-06-14.01.log.txt" });
    expect(r.era).toBe("matrix");
    expect(r.form).toBe("collapsed");
    expect(r.issues).toEqual([]);
    expect(r.lines.map((l) => [l.n, l.time, l.nick, l.text])).toEqual([
      [1, "14:01:38", "@jflory7:fedora.im", "!startmeeting Fedora Council"],
      [2, "14:01:39", "@meetbot:fedora.im", "Meeting started at 2026-05-06 14:01:38 UTC"],
      [3, "14:01:40", "@a:b", ""],
      [4, "14:01:42", "@t0xic0der:fedora.im", "👋 cut her"],
    ]);
  });

  it("splits an IRC log on <nick> and * nick, ignoring times inside the text", () => {
    const text =
      "page chrome 15:00:45 <jwf> #startmeeting Council 15:00:45 <zodbot> Meeting started Wed Nov 23 15:00:45 2022 UTC. 15:00:50 * mattdm waves 15:00:55 <jwf> #meetingname council";
    const r = parseLog(text, { fileName: "council.2022-11-23-15.00.log.html" });
    expect(r.era).toBe("irc");
    expect(r.form).toBe("collapsed");
    expect(r.lines.map((l) => [l.nick, l.action, l.text, l.date])).toEqual([
      ["jwf", false, "#startmeeting Council", "2022-11-23"],
      ["zodbot", false, "Meeting started Wed Nov 23 15:00:45 2022 UTC.", "2022-11-23"],
      ["mattdm", true, "waves", "2022-11-23"],
      ["jwf", false, "#meetingname council", "2022-11-23"],
    ]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toMatch(/before the first log line/);
  });

  it("does not invent nicks when the <nick> tokens were lost", () => {
    const text =
      "15:00:02 #startmeeting FESCO 15:00:02 Meeting started Mon Jun 1 15:00:02 2020 UTC. 15:00:02 #meetingname fesco 15:00:05 #topic init 15:02:40 * nirik is fine waiting 15:02:50 sgallagh: thanks";
    const r = parseLog(text, { fileName: "fesco.2020-06-01-15.00.log.txt" });
    expect(r.era).toBe("irc");
    expect(r.form).toBe("collapsed");
    expect(r.lines.map((l) => [l.nick, l.action, l.text])).toEqual([
      ["nirik", true, "is fine waiting"],
    ]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toMatch(/no "<nick>".*cannot be attributed/);
  });

  it("reports nickless text without /me lines with one issue and no lines", () => {
    const r = parseLog(
      "18:02:12 #startmeeting FESCO 18:02:12 Meeting started 18:02:20 hello 18:02:30 bye",
      {
        fileName: "fesco.2015-01-28-18.02.log.txt",
      },
    );
    expect(r.lines).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toMatch(/cannot be attributed/);
  });
});

describe("minutes, mails and posts", () => {
  it("explains that minutes are not a log", () => {
    const r = parseLog(
      "=====\n#fedora-meeting: FESCO\n=====\n\nMeeting started by nirik at 17:01:29 UTC.\n\nMeeting summary\n---\n* init process  (nirik, 17:01:29)\n",
    );
    expect(r.lines).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toMatch(/minutes/);
  });

  it("reads the log attached after minutes in a mail, reporting the minutes once", () => {
    const text =
      "Meeting summary\n* init process  (notting, 17:01:20)\n-------------- next part --------------\n17:01:20 <notting> #startmeeting FESCO\n17:01:20 <zodbot> Meeting started\n17:01:20 <nott17:01:29 <zodbot> x\n";
    const r = parseLog(text, { fileName: "pipermail/meetingminutes/2012-May/000162.html" });
    expect(r.lines.map((l) => l.nick)).toEqual(["notting", "zodbot"]);
    expect(r.issues.map((i) => i.line)).toEqual([1, 4, 6]);
  });
});
