import { describe, expect, it } from "vitest";
import { decodeLog } from "../../src/core/parse/decode.ts";
import { parseLog } from "../../src/core/parse/parse-log.ts";

const enc = new TextEncoder();

describe("decodeLog", () => {
  it("decodes UTF-8 and strips a BOM", () => {
    const r = decodeLog(
      Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode("12:00:00 <a> héllo — ☺")]),
    );
    expect(r).toEqual({ text: "12:00:00 <a> héllo — ☺", encoding: "utf-8", issues: [] });
    expect(parseLog(r.text, { fileName: "x.2020-01-01-12.00.log.txt" }).lines[0]?.time).toBe(
      "12:00:00",
    );
  });

  it("reads a non-UTF-8 line as windows-1252 and names it", () => {
    const bytes = Uint8Array.from([
      ...enc.encode("12:00:00 <a> ok é\r\n12:00:01 <b> caf"),
      0xe9,
      0x20,
      0x93,
      0x71,
      0x94,
      ...enc.encode("\n12:00:02 <c> ☺"),
    ]);
    const r = decodeLog(bytes);
    expect(r.text).toBe("12:00:00 <a> ok é\r\n12:00:01 <b> café “q”\n12:00:02 <c> ☺");
    expect(r.encoding).toBe("utf-8+windows-1252");
    expect(r.issues).toEqual([
      {
        line: 2,
        message: "line 2: not UTF-8, read as windows-1252",
        excerpt: "12:00:01 <b> café “q”",
      },
    ]);
  });

  it("decodes UTF-16 with a BOM, both byte orders", () => {
    const s = "12:00:00 <a> ü☺";
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    expect(decodeLog(Uint8Array.from(le))).toEqual({ text: s, encoding: "utf-16le", issues: [] });
    expect(decodeLog(Uint8Array.from(be))).toEqual({ text: s, encoding: "utf-16be", issues: [] });
  });

  it("decodes empty input", () => {
    expect(decodeLog(new Uint8Array())).toEqual({ text: "", encoding: "utf-8", issues: [] });
  });
});
