import { describe, expect, it } from "vitest";
import { NOTHING_READABLE, parseLog } from "../../src/core/parse/parse-log.ts";

const F = { fileName: "/srv/meetbot/fedora-meeting/2020-06-10/magazine.2020-06-10-12.02.log.txt" };

describe("IRC .log.txt", () => {
  it("reads messages, /me lines and keeps text byte-exact", () => {
    const r = parseLog(
      "12:02:26 <bcotton> #startmeeting Magazine  \n14:14:31 * laubersm is surprised \n",
      F,
    );
    expect(r.era).toBe("irc");
    expect(r.form).toBe("txt");
    expect(r.issues).toEqual([]);
    expect(r.lines).toEqual([
      {
        n: 1,
        date: "2020-06-10",
        time: "12:02:26",
        nick: "bcotton",
        action: false,
        text: "#startmeeting Magazine  ",
      },
      {
        n: 2,
        date: "2020-06-10",
        time: "14:14:31",
        nick: "laubersm",
        action: true,
        text: "is surprised ",
      },
    ]);
  });

  it("keeps only one space after > as separator (extra spaces belong to the text)", () => {
    const r = parseLog("12:00:00 <a>   indented", F);
    expect(r.lines[0]?.text).toBe("  indented");
  });

  it("accepts empty text with and without the trailing space", () => {
    const r = parseLog("12:00:00 <a> \n12:00:01 <b>\n12:00:02 * c", F);
    expect(r.issues).toEqual([]);
    expect(r.lines.map((l) => [l.nick, l.text, l.action])).toEqual([
      ["a", "", false],
      ["b", "", false],
      ["c", "", true],
    ]);
  });

  it("rejects <nick> glued to the text", () => {
    const r = parseLog("12:00:00 <a>x\n12:00:01 <b> ok", F);
    expect(r.lines.map((l) => l.nick)).toEqual(["b"]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.line).toBe(1);
  });

  it("handles CRLF, lone CR and a missing trailing newline", () => {
    const expected = [
      ["a", "one"],
      ["b", "two"],
      ["c", "three"],
    ];
    for (const text of [
      "12:00:00 <a> one\r\n12:00:01 <b> two\r\n12:00:02 <c> three",
      "12:00:00 <a> one\r12:00:01 <b> two\r12:00:02 <c> three\r",
    ]) {
      const r = parseLog(text, F);
      expect(r.issues).toEqual([]);
      expect(r.lines.map((l) => [l.nick, l.text])).toEqual(expected);
      expect(r.lines.map((l) => l.n)).toEqual([1, 2, 3]);
    }
  });

  it("advances the date when the clock goes backwards (midnight)", () => {
    const r = parseLog(
      "23:59:58 <a> late\n23:59:59 <a> later\n00:00:01 <b> tomorrow\n00:00:01 <b> same\n",
      {
        fileName: "x.2020-12-31-23.50.log.txt",
      },
    );
    expect(r.lines.map((l) => l.date)).toEqual([
      "2020-12-31",
      "2020-12-31",
      "2021-01-01",
      "2021-01-01",
    ]);
  });

  it("tolerates unusual nicks: [m], |, _, -, ^, \\, backtick, {}", () => {
    const nicks = [
      "AkashdeepDhar[m]",
      "a|away",
      "x_",
      "pjones-",
      "^x^",
      "back\\slash",
      "`tick`",
      "{braces}",
    ];
    const r = parseLog(nicks.map((k, i) => `12:00:0${i} <${k}> hi`).join("\n"), F);
    expect(r.issues).toEqual([]);
    expect(r.lines.map((l) => l.nick)).toEqual(nicks);
  });

  it("treats bot noise as ordinary lines", () => {
    const r = parseLog(
      "12:00:00 <bcotton> .hello2\n12:00:01 <zodbot> bcotton: bcotton 'Ben Cotton' <bcotton@redhat.com>\n12:00:02 <x> !hi",
      F,
    );
    expect(r.issues).toEqual([]);
    expect(r.lines.map((l) => l.text)).toEqual([
      ".hello2",
      "bcotton: bcotton 'Ben Cotton' <bcotton@redhat.com>",
      "!hi",
    ]);
  });

  it("reports garbage in the middle with its physical line number and still reads the rest", () => {
    const r = parseLog(
      "12:00:00 <a> one\n12:00:01 <b> two\nthis is not a log line\n12:00:03 <c> four\n",
      F,
    );
    expect(r.lines.map((l) => l.n)).toEqual([1, 2, 4]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.line).toBe(3);
    expect(r.issues[0]?.excerpt).toBe("this is not a log line");
  });

  it("reports a blank line in the middle but not at the end", () => {
    const r = parseLog("12:00:00 <a> one\n\n12:00:02 <b> three\n\n", F);
    expect(r.lines.map((l) => l.n)).toEqual([1, 3]);
    expect(r.issues.map((i) => i.line)).toEqual([2]);
  });

  it("takes the date from a path directory when the base name has none, else 1970-01-01 with an issue", () => {
    expect(
      parseLog("12:00:00 <a> x", { fileName: "logs/2019-03-04/meeting.log.txt" }).lines[0]?.date,
    ).toBe("2019-03-04");
    expect(
      parseLog("12:00:00 <a> x", { fileName: "a.2019-03-04-10.00.b.2019-03-05-11.00.log.txt" })
        .lines[0]?.date,
    ).toBe("2019-03-05");
    const r = parseLog("12:00:00 <a> x");
    expect(r.lines[0]?.date).toBe("1970-01-01");
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toMatch(/date unknown/);
  });

  it("returns no lines and one explaining issue for empty or unreadable input", () => {
    for (const text of ["", "hello world\nnothing here\n"]) {
      const r = parseLog(text, F);
      expect(r.lines).toEqual([]);
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]?.message).toContain(NOTHING_READABLE);
    }
  });

  it("summarises leading page chrome in one issue", () => {
    const r = parseLog(
      "fesco\nLOGS\nmore chrome\n18:01:02 <dgilmore> #startmeeting\n18:01:05 <t8m> hi",
      {
        fileName: "fesco.2014-04-02-18.01.log.html",
      },
    );
    expect(r.form).toBe("html-text");
    expect(r.lines.map((l) => [l.n, l.nick])).toEqual([
      [1, "dgilmore"],
      [2, "t8m"],
    ]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.message).toMatch(/lines 1-3: 3 lines before the first log line/);
  });

  it("keeps a truncated last line that still matches and reports one that does not", () => {
    const kept = parseLog("12:00:00 <a> one\n12:00:01 <b> tw", F);
    expect(kept.lines.map((l) => l.text)).toEqual(["one", "tw"]);
    expect(kept.issues).toEqual([]);
    const cut = parseLog("12:00:00 <a> one\n12:00:01 <b", F);
    expect(cut.lines).toHaveLength(1);
    expect(cut.issues[0]?.line).toBe(2);
    expect(cut.issues[0]?.message).toMatch(/cut off/);
  });

  it("reads logs indented in a document (reStructuredText post)", () => {
    const r = parseLog(
      "Title\n=====\n\n::\n\n    17:06:17 <FranciscoD> #startmeeting x\n    17:06:18 * zodbot waves\n",
      {
        fileName: "post-2013-06-10.rst",
      },
    );
    expect(r.lines.map((l) => [l.n, l.nick, l.text])).toEqual([
      [1, "FranciscoD", "#startmeeting x"],
      [2, "zodbot", "waves"],
    ]);
  });
});
