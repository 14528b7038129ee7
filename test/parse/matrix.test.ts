import { describe, expect, it } from "vitest";
import { parseLog } from "../../src/core/parse/parse-log.ts";

describe("Matrix .log.txt", () => {
  it("reads lines, senders on any homeserver", () => {
    const ids = ["@meetbot:fedora.im", "@x:beeper.com", "@a.b_c=d/e:matrix.example.org:8448"];
    const r = parseLog(
      ids.map((id, i) => `2026-05-06 14:01:3${i} <${id}> hello ${i}`).join("\n") + "\n",
    );
    expect(r.era).toBe("matrix");
    expect(r.form).toBe("txt");
    expect(r.issues).toEqual([]);
    expect(r.lines.map((l) => [l.n, l.date, l.time, l.nick, l.text])).toEqual(
      ids.map((id, i) => [i + 1, "2026-05-06", `14:01:3${i}`, id, `hello ${i}`]),
    );
  });

  it("keeps the empty lines of a multi-line message, with or without the trailing space", () => {
    const r = parseLog(
      "2026-05-06 14:01:38 <@a:b> first\n2026-05-06 14:01:38 <@a:b> \n2026-05-06 14:01:38 <@a:b>\n2026-05-06 14:01:38 <@a:b> last  ",
    );
    expect(r.issues).toEqual([]);
    expect(r.lines.map((l) => l.text)).toEqual(["first", "", "", "last  "]);
  });

  it("takes the date from each line, not from the file name", () => {
    const r = parseLog("2026-05-06 23:59:59 <@a:b> x\n2026-05-07 00:00:01 <@a:b> y", {
      fileName: "c.2020-01-01-10.00.log.txt",
    });
    expect(r.lines.map((l) => l.date)).toEqual(["2026-05-06", "2026-05-07"]);
    expect(r.issues).toEqual([]);
  });

  it("reports a broken line by physical number", () => {
    const r = parseLog(
      "2026-05-06 14:01:38 <@a:b> x\r\n2026-05-06 14:01:39 <a:b> y\r\n2026-05-06 14:01:40 <@c:d> z",
    );
    expect(r.lines.map((l) => l.n)).toEqual([1, 3]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.line).toBe(2);
    expect(r.issues[0]?.message).toMatch(/<@user:server>/);
  });

  it("reads the rendered .log.html (three lines per message), dating from the file name", () => {
    const text =
      "<@jflory7:fedora.im>\n14:01:38\n!startmeeting Council\n<@meetbot:fedora.im>\n23:59:59\n\n<@x:y.org>\n00:00:02\nafter midnight\n<@amolone";
    const r = parseLog(text, { fileName: "council.2026-05-06-14.01.log.html" });
    expect(r.era).toBe("matrix");
    expect(r.form).toBe("html-text");
    expect(r.lines).toEqual([
      {
        n: 1,
        date: "2026-05-06",
        time: "14:01:38",
        nick: "@jflory7:fedora.im",
        action: false,
        text: "!startmeeting Council",
      },
      {
        n: 2,
        date: "2026-05-06",
        time: "23:59:59",
        nick: "@meetbot:fedora.im",
        action: false,
        text: "",
      },
      {
        n: 3,
        date: "2026-05-07",
        time: "00:00:02",
        nick: "@x:y.org",
        action: false,
        text: "after midnight",
      },
    ]);
    expect(r.issues.map((i) => i.line)).toEqual([10]);
    expect(r.issues[0]?.message).toMatch(/cut off/);
  });

  it("reports a three-line message cut off by truncation", () => {
    const r = parseLog("<@a:b>\n14:00:00\nhi\n<@c:d>\n14:00:01", {
      fileName: "m.2026-05-06-14.00.log.html",
    });
    expect(r.lines).toHaveLength(1);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.line).toBe(4);
    expect(r.issues[0]?.message).toMatch(/cut off/);
  });
});
