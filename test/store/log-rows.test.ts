import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LogLine } from "../../src/core/log-line.ts";
import {
  decodeLogMeta,
  decodeLogRows,
  encodeLogRows,
  forEachLogRow,
  unstorableLine,
} from "../../src/store/log-rows.ts";

function fail(reason: string): never {
  throw new Error(reason);
}

const lines: LogLine[] = [
  {
    n: 1,
    date: "2020-06-10",
    time: "14:10:00",
    nick: "bcotton",
    action: false,
    text: "#startmeeting",
  },
  {
    n: 2,
    date: "2020-06-10",
    time: "14:10:01",
    nick: "nirik",
    action: true,
    text: "waves\tand\ttabs\t",
  },
  {
    n: 3,
    date: "2020-06-10",
    time: "14:10:02",
    nick: "@jflory7:fedora.im",
    action: false,
    text: "",
  },
  {
    n: 7,
    date: "2020-06-11",
    time: "00:00:01",
    nick: "ünïcødé",
    action: false,
    text: "été 🙂 日本語 \r",
  },
  { n: 8, date: "2020-06-11", time: "00:00:02", nick: "x", action: false, text: "\t" },
];

describe("log rows", () => {
  it("encodes one record per line in each column, the text alone in its own", () => {
    expect(encodeLogRows(lines.slice(0, 2), fail)).toEqual({
      meta: "1\t2020-06-10\t14:10:00\tbcotton\t0\n2\t2020-06-10\t14:10:01\tnirik\t1",
      text: "#startmeeting\nwaves\tand\ttabs\t",
    });
    expect(encodeLogRows([], fail)).toEqual({ meta: "", text: "" });
  });

  it("round-trips tabs, empty text and unicode", () => {
    expect(decodeLogRows(encodeLogRows(lines, fail))).toEqual(lines);
    expect(decodeLogRows(encodeLogRows([], fail))).toEqual([]);
    // Empty texts anywhere: the meta records, not the text, count the lines.
    const empty = (n: number): LogLine => ({ ...lines[0]!, n, text: "" });
    for (const input of [[empty(1)], [empty(1), empty(2)], [empty(1), lines[1]!, empty(3)]]) {
      expect(decodeLogRows(encodeLogRows(input, fail))).toEqual(input);
    }
  });

  it("refuses columns that do not pair up", () => {
    const log = encodeLogRows(lines.slice(0, 2), fail);
    for (const bad of [
      { meta: log.meta, text: "one line" },
      { meta: log.meta, text: "a\nb\nc" },
      { meta: "", text: "orphan" },
    ]) {
      expect(() => decodeLogRows(bad)).toThrow(/different numbers of lines/);
      expect(() => {
        forEachLogRow(bad, () => true, true);
      }).toThrow(/different numbers of lines/);
    }
    expect(() => decodeLogMeta("1\t2020\t14:10", 0, 12)).toThrow(/malformed log meta/);
  });

  it("round-trips any storable line", () => {
    const field = fc.string({ unit: "grapheme" }).filter((s) => !/[\t\n]/.test(s));
    const line = fc.record({
      n: fc.integer({ min: 1, max: 2 ** 40 }),
      date: field,
      time: field,
      nick: field,
      action: fc.boolean(),
      text: fc.string({ unit: "grapheme" }).filter((s) => !s.includes("\n")),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (input) => {
        expect(decodeLogRows(encodeLogRows(input, fail))).toEqual(input);
      }),
    );
  });

  it("visits records forwards and backwards, text and meta in step", () => {
    const log = encodeLogRows(lines, fail);
    const seen = (reverse: boolean) => {
      const out: [number, string][] = [];
      forEachLogRow(
        log,
        (textStart, textEnd, metaStart, metaEnd) => {
          const { n } = decodeLogMeta(log.meta, metaStart, metaEnd);
          out.push([n, log.text.slice(textStart, textEnd)]);
          return true;
        },
        reverse,
      );
      return out;
    };
    const forwards = lines.map((l) => [l.n, l.text]);
    expect(seen(false)).toEqual(forwards);
    expect(seen(true)).toEqual(forwards.reverse());
    let visits = 0;
    forEachLogRow(log, () => ++visits < 2, true);
    expect(visits).toBe(2);
    visits = 0;
    forEachLogRow(log, () => ++visits < 3);
    expect(visits).toBe(3);
  });

  it.each([
    [{ n: 0 }, /line number 0/],
    [{ n: 1.5 }, /line number 1.5/],
    [{ nick: "a\tb" }, /no tab or newline/],
    [{ date: "2020\n06" }, /no tab or newline/],
    [{ text: "two\nlines" }, /holds a newline/],
  ])("refuses a line that cannot round-trip: %j", (change, reason) => {
    const bad = { ...lines[0]!, ...change };
    expect(unstorableLine(bad)).toMatch(reason);
    expect(() => encodeLogRows([lines[1]!, bad], fail)).toThrow(reason);
  });
});
