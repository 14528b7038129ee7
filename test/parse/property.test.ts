import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLog } from "../../src/core/parse/parse-log.ts";

function wellFormed(r: ReturnType<typeof parseLog>): void {
  expect(r.lines.length > 0 || r.issues.length > 0).toBe(true);
  for (const l of r.lines) expect(l.text.includes("\n")).toBe(false);
  for (const i of r.issues) expect(i.line).toBeGreaterThanOrEqual(1);
}

// Fragments that steer the generator into every parser's paths.
const fragment = fc.constantFrom(
  "12:00:00 <a> ",
  "23:59:59 * b ",
  "2026-05-06 14:01:38 <@a:b> ",
  "<@x:y>\n",
  "14:01:38\n",
  '<a name="l-1"></a><span class="tm">10:00:00</span>',
  '<div id="l-2"><div class="nick">@a:b</div><div class="time">10:00:00</div>',
  "&amp;&#x;&#99999999;",
  "\n",
  "\r\n",
  "\r",
  " ",
  "<",
  ">",
  "\u0000",
  "\ud800",
);
const messy = fc
  .array(fc.oneof(fragment, fc.string({ unit: "binary" }), fc.string()), { maxLength: 30 })
  .map((a) => a.join(""));
const hint = fc.option(
  fc.record({
    fileName: fc.oneof(
      fc.string(),
      fc.constantFrom("a.2020-01-01-10.00.log.txt", "x/2021-02-03/y.log.html"),
    ),
  }),
  {
    nil: undefined,
  },
);

describe("parseLog never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), hint, (s, h) => {
        wellFormed(parseLog(s, h));
      }),
      { numRuns: 500 },
    );
  });
  it("on grapheme strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        wellFormed(parseLog(s));
      }),
      { numRuns: 300 },
    );
  });
  it("on log-like fragments mixed with noise", () => {
    fc.assert(
      fc.property(messy, hint, (s, h) => {
        wellFormed(parseLog(s, h));
      }),
      { numRuns: 1500 },
    );
  });
});
