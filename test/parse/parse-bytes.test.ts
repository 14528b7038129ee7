import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeLog } from "../../src/core/parse/decode.ts";
import { parseLogBytes } from "../../src/core/parse/parse-bytes.ts";
import { parseLog } from "../../src/core/parse/parse-log.ts";
import { MOTE } from "../corpus-paths.ts";

const NAME = "fedora-meeting/2024-03-31/eln.2024-03-31-23.00.log.txt";
const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

/** What the pieces path must always equal: decoding the whole file, then parsing it. */
function reference(bytes: Uint8Array, fileName = NAME) {
  const decoded = decodeLog(bytes);
  return { parsed: parseLog(decoded.text, { fileName }), decodeIssues: decoded.issues };
}

const ircLine = fc
  .tuple(
    fc.integer({ min: 0, max: 86399 }),
    fc.constantFrom("alice", "bob[m]", "ça"),
    fc.string({ maxLength: 120 }),
  )
  .map(([secs, nick, text]) => {
    const t = [Math.floor(secs / 3600), Math.floor(secs / 60) % 60, secs % 60].map((v) =>
      String(v).padStart(2, "0"),
    );
    return `${t.join(":")} <${nick}> ${text.replace(/[\r\n]/g, " ")} and some more words to fill the line up to a realistic length`;
  });
const junk = fc.constantFrom("garbage line", "", "12:00 <x> short time", "— ünïcödé —");

describe("parseLogBytes (decoding and parsing a large .log.txt in pieces)", () => {
  it("equals decode-then-parse on the real logs", () => {
    for (const f of [
      "magazine.2020-06-10-12.02.log.txt",
      "fedora_iot_working_group_meeting.2020-06-10-14.10.log.txt",
    ]) {
      const bytes = readFileSync(join(MOTE, f));
      expect(parseLogBytes(bytes, { fileName: f })).toEqual(reference(bytes, f));
    }
  });

  it("equals decode-then-parse on large logs with non-ASCII text, bad lines and midnight", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 9, arbitrary: ircLine }, { weight: 1, arbitrary: junk }), {
          minLength: 800,
          maxLength: 2000,
        }),
        fc.boolean(),
        (body, trailingNewline) => {
          const text = [
            ...Array.from(
              { length: 40 },
              (_, i) => `23:59:${String(i).padStart(2, "0")} <alice> warm-up ${i} é`,
            ),
            ...body,
          ].join("\n");
          const bytes = encode(trailingNewline ? `${text}\n` : text);
          expect(bytes.length).toBeGreaterThan(32 * 1024);
          expect(parseLogBytes(bytes, { fileName: NAME })).toEqual(reference(bytes));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("falls back to the whole-file path for CRLF, BOMs, invalid UTF-8 and page copies", () => {
    const lines = Array.from(
      { length: 2000 },
      (_, i) => `12:00:${String(i % 60).padStart(2, "0")} <bob> line ${i} …`,
    );
    const crlf = encode(lines.join("\r\n"));
    expect(parseLogBytes(crlf, { fileName: NAME })).toEqual(reference(crlf));
    const bom = encode(`\uFEFF${lines.join("\n")}`);
    expect(parseLogBytes(bom, { fileName: NAME })).toEqual(reference(bom));
    const latin1 = new Uint8Array([
      ...encode(lines.join("\n")),
      0x0a,
      ...encode("12:01:00 <bob> caf"),
      0xe9,
    ]);
    const mixed = parseLogBytes(latin1, { fileName: NAME });
    expect(mixed).toEqual(reference(latin1));
    expect(mixed.decodeIssues).toHaveLength(1);
    const html = encode(lines.join("\n"));
    expect(parseLogBytes(html, { fileName: "x.log.html" }).parsed.form).toBe("html-text");
  });
});
