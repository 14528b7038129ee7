import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  IRC_LINE,
  IRC_LINE_INDENTED,
  MATRIX_LINE,
  MATRIX_LINE_INDENTED,
  lineFields,
  scanIrcLine,
  scanMatrixLine,
} from "../../src/core/parse/text-lines.ts";

// The hand-written line scanners must match exactly what the line regexes match, field for field.

// Lines built from the pieces of the formats, each piece sometimes slightly wrong.
const piece = (...options: string[]) => fc.constantFrom(...options);
const nickChars = fc
  .array(
    piece(
      "a",
      "b",
      "@",
      ":",
      " ",
      "<",
      ">",
      "*",
      "\t",
      "\u00a0",
      "\u180e",
      "\u3000",
      "\ufeff",
      "\u2028",
      "\u001c",
      "\ud800",
    ),
    {
      maxLength: 4,
    },
  )
  .map((a) => a.join(""));
const line = fc
  .tuple(
    piece("", "", " ", "\t", " \t", "\u00a0"),
    piece("", "", "2026-05-06 ", "2026-05-6 ", "2026-05-06"),
    piece("12:00:00 ", "12:00:00 ", "12:00:00", "1:00:00 ", "12:00:00  ", "12-00:00 ", "12:0a:00 "),
    piece("<", "<", "<@", "* ", "*", "", "<<"),
    nickChars,
    piece(">", ">", "> ", ">x", "", " ", ">>"),
    fc.array(piece(" ", "x", ">", "<", "\n", "12:00:00 <a> z", "\u3000"), { maxLength: 3 }),
  )
  .map((parts) => parts.flat().join(""));
const text = fc
  .array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: fc.string() }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((a) => a.join("\n"));

interface Found {
  time: string;
  date: string;
  nick: string;
  action: boolean;
  text: string;
  end: number;
}

function byRegex(re: RegExp, s: string, pos: number, matrix: boolean): Found | null {
  re.lastIndex = pos;
  const m = re.exec(s);
  if (m === null) return null;
  if (matrix) {
    return {
      date: m[1] ?? "",
      time: m[2] ?? "",
      nick: m[3] ?? "",
      action: false,
      text: m[4] ?? "",
      end: re.lastIndex,
    };
  }
  const action = m[2] === undefined;
  return {
    date: "",
    time: m[1] ?? "",
    nick: (action ? m[4] : m[2]) ?? "",
    action,
    text: (action ? m[5] : m[3]) ?? "",
    end: re.lastIndex,
  };
}

function byScanner(
  scan: typeof scanIrcLine,
  s: string,
  pos: number,
  indented: boolean,
  matrix: boolean,
): Found | null {
  let end = s.indexOf("\n", pos);
  if (end === -1) end = s.length;
  const f = lineFields();
  if (!scan(s, pos, end, indented, f)) return null;
  return {
    date: matrix ? s.slice(f.date, f.date + 10) : "",
    time: s.slice(f.time, f.time + 8),
    nick: s.slice(f.nick, f.nickEnd),
    action: f.action,
    text: s.slice(f.text, end),
    end,
  };
}

const CASES = [
  { name: "IRC_LINE", re: IRC_LINE, scan: scanIrcLine, indented: false, matrix: false },
  {
    name: "IRC_LINE_INDENTED",
    re: IRC_LINE_INDENTED,
    scan: scanIrcLine,
    indented: true,
    matrix: false,
  },
  { name: "MATRIX_LINE", re: MATRIX_LINE, scan: scanMatrixLine, indented: false, matrix: true },
  {
    name: "MATRIX_LINE_INDENTED",
    re: MATRIX_LINE_INDENTED,
    scan: scanMatrixLine,
    indented: true,
    matrix: true,
  },
] as const;

describe("line scanners agree with the line regexes", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    fc.assert(
      fc.property(text, fc.nat(), (s, at) => {
        // Scanners are only run at line starts.
        const starts = [0, ...[...s.matchAll(/\n/g)].map((m) => m.index + 1)];
        const pos = starts[at % starts.length] ?? 0;
        expect(byScanner(c.scan, s, pos, c.indented, c.matrix)).toEqual(
          byRegex(c.re, s, pos, c.matrix),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it("reads the usual shapes", () => {
    const irc = "12:00:00 <a> hi\n12:00:01 * b waves\n12:00:02 <c>\n";
    expect(byScanner(scanIrcLine, irc, 0, false, false)?.text).toBe("hi");
    expect(byScanner(scanIrcLine, irc, 16, false, false)).toMatchObject({
      nick: "b",
      action: true,
      text: "waves",
    });
    expect(byScanner(scanIrcLine, irc, 35, false, false)).toMatchObject({ nick: "c", text: "" });
    const mx = "  2026-05-06 14:01:38 <@a b:c> x y";
    expect(byScanner(scanMatrixLine, mx, 0, true, true)).toMatchObject({
      date: "2026-05-06",
      nick: "@a b:c",
      text: "x y",
    });
  });
});
