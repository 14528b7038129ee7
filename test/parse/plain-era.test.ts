import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseLog, plainLogEra } from "../../src/core/parse/parse-log.ts";
import { MOTE } from "../corpus-paths.ts";

const irc = (n: number): string =>
  Array.from(
    { length: n },
    (_, i) => `12:00:${String(i % 60).padStart(2, "0")} <nick${i % 3}> line ${i}`,
  ).join("\n");
const matrix = (n: number): string =>
  Array.from(
    { length: n },
    (_, i) => `2024-01-02 12:00:${String(i % 60).padStart(2, "0")} <@u${i % 3}:x.org> line ${i}`,
  ).join("\n");

describe("the fast path for plain .log.txt files", () => {
  it("recognises a bot's own log by its first lines", () => {
    expect(plainLogEra(readFileSync(join(MOTE, "magazine.2020-06-10-12.02.log.txt"), "utf8"))).toBe(
      "irc",
    );
    expect(plainLogEra(matrix(40))).toBe("matrix");
  });

  it("leaves everything else to the full detection", () => {
    expect(plainLogEra(irc(31))).toBeNull(); // too short to judge
    expect(plainLogEra(`page chrome\n${irc(40)}`)).toBeNull();
    expect(plainLogEra(`${irc(20)}\n${matrix(20)}`)).toBeNull(); // mixed eras
    expect(plainLogEra(`${irc(10)}\n  ${irc(30)}`)).toBeNull(); // indented lines
    expect(plainLogEra(`${irc(10)} ${"x ".repeat(600)}\n${irc(30)}`)).toBeNull(); // a collapsed-looking line
  });

  it("gives the same lines as the full detection", () => {
    const text = `${irc(40)}\n`;
    const fast = parseLog(text, { fileName: "a.2024-01-02-12.00.log.txt" });
    // A leading blank line defeats the fast path but not the full detection.
    const full = parseLog(`\n${text}`, { fileName: "a.2024-01-02-12.00.log.txt" });
    expect(fast.era).toBe(full.era);
    expect(fast.lines.map(({ n: _n, ...rest }) => rest)).toEqual(
      full.lines.map(({ n: _n, ...rest }) => rest),
    );
    expect(fast.lines[0]?.n).toBe(1);
  });
});
