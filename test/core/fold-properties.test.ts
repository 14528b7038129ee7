import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldMeetings } from "../../src/core/fold-meeting.ts";
import type { Dialect } from "../../src/core/commands.ts";
import { lines } from "./lines.ts";

// A random meeting: chairs and non-chairs typing commands (valid, malformed, mis-cased) and chat.
const nick = fc.constantFrom("alice", "bob", "carol");
const word = fc.constantFrom(
  "#topic",
  "#info",
  "#idea",
  "#action",
  "#agreed",
  "#accepted",
  "#rejected",
  "#link",
  "#help",
  "#chair",
  "#unchair",
  "#nick",
  "#meetingname",
  "#undo",
  "#Info",
  "#startmeeting",
  "!info",
  "!topic",
  "plain",
  "https://x.org",
);
const text = fc.string({ maxLength: 12 });
const line = fc.tuple(nick, word, text).map(([n, w, t]) => `${n}: ${w} ${t}`.trimEnd());
const body = fc.array(line, { maxLength: 30 });
const dialect = fc.constantFrom<Dialect>("fedora-irc", "sigmeet");

const fold = (specs: string[], d: Dialect) =>
  foldMeetings(lines(...specs), { era: "irc", channel: "#c", dialect: d });

describe("meeting semantics, for any sequence of commands", () => {
  it("#undo by a chair restores exactly the items before the last item-adding command", () => {
    fc.assert(
      fc.property(body, fc.tuple(nick, word, text), dialect, (middle, [n, w, t], d) => {
        const start = ["alice: #startmeeting Property"];
        const before = fold([...start, ...middle], d)[0]!;
        const cmd = `${n}: ${w} ${t}`.trimEnd();
        const after = fold([...start, ...middle, cmd], d)[0]!;
        const undone = fold([...start, ...middle, cmd, "alice: #undo"], d)[0]!;
        const strip = (items: typeof before.items) =>
          items.map(({ kind, text: x, line: l }) => ({ kind, x, l }));
        if (after.items.length > before.items.length) {
          // The command added an item: undo removes exactly it.
          expect(strip(undone.items)).toEqual(strip(before.items));
        } else {
          // It added none: undo removes the newest earlier item, whatever its kind.
          expect(strip(undone.items)).toEqual(strip(after.items.slice(0, -1)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never throws, and every item comes from a line of the meeting", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), dialect, (specs, d) => {
        for (const m of fold(specs, d)) {
          const numbers = new Set(m.lines.map((l) => l.n));
          for (const it of m.items) expect(numbers.has(it.line)).toBe(true);
          expect(m.chairs).toContain(m.owner);
        }
      }),
      { numRuns: 300 },
    );
  });
});
