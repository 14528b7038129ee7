import { DatabaseSync } from "node:sqlite";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Meeting } from "../../src/core/meeting.ts";
import { toFtsQuery } from "../../src/store/fts-query.ts";
import { openStore } from "../../src/store/open-store.ts";

describe("toFtsQuery", () => {
  it.each([
    ["release blocker", '"release" "blocker"'],
    ['say "hi"', '"say" "hi"'],
    ["NEAR(a b)", '"NEAR" "a" "b"'],
    ["-beta text:compose*", '"beta" "text" "compose"'],
    ["fedora_iot @jflory7:fedora.im", '"fedora" "iot" "jflory7" "fedora" "im"'],
    ["Überprüfung 2024", '"Überprüfung" "2024"'],
    ["  ", null],
    ['"*:-()', null],
  ])("%j → %j", (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });

  it("fine split cuts only non-ASCII words, into characters", () => {
    expect(toFtsQuery("compose 0\u1cf20 été", "fine")).toBe(
      '"compose" "0" "\u1cf2" "0" "é" "t" "é"',
    );
  });

  // U+1CF2 is a letter to JavaScript but a separator to SQLite's older Unicode tables, so as one
  // FTS5 string it is a two-token phrase, which the detail=none index rejects.
  it("a word SQLite splits is a phrase error on detail=none, hence the fine retry", () => {
    const db = new DatabaseSync(":memory:");
    db.exec("CREATE VIRTUAL TABLE f USING fts5 (text, detail = none)");
    const search = db.prepare("SELECT rowid FROM f WHERE f MATCH ?");
    expect(() => search.all(toFtsQuery("0\u1cf20"))).toThrow(/phrase queries are not supported/);
    expect(search.all(toFtsQuery("0\u1cf20", "fine"))).toEqual([]);
    db.close();
  });

  it("search never throws, whatever the text", () => {
    const store = openStore(":memory:");
    const meeting: Meeting = {
      era: "irc",
      channel: "#c",
      title: "t",
      name: "n",
      previousNames: [],
      owner: "o",
      chairs: [],
      start: { line: 1, date: "2020-01-01", time: "00:00:00" },
      end: null,
      items: [],
      attendees: [],
      lines: [
        {
          n: 1,
          date: "2020-01-01",
          time: "00:00:00",
          nick: "o",
          action: false,
          text: "the release blocker 0\u1cf20",
        },
      ],
    };
    store.importMeeting(meeting, { path: "p", sha256: "s" }, () => []);
    expect(store.search("0\u1cf20").map((hit) => hit.line)).toEqual([1]);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        store.search(text);
      }),
      { numRuns: 1000 },
    );
    store.close();
  });
});
