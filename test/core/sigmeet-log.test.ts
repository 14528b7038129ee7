import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMeetings } from "../../src/app/load-meetings.ts";
import { decodeLog } from "../../src/core/parse/decode.ts";
import { parseLog } from "../../src/core/parse/parse-log.ts";
import { SIGMEET_LOG_MARKER, sigmeetBotOf } from "../../src/core/sigmeet-log.ts";
import { requireCorpus } from "../corpus-paths.ts";
import { lines } from "./lines.ts";

const CHAIR = "@chair:test";
const BOT = "@bot:test";
const START_NOTICE = [
  "Meeting started at 2024-01-02 10:00:00 UTC",
  "The Meeting name is 'SIG'",
  SIGMEET_LOG_MARKER,
];

describe("sigmeetBotOf", () => {
  it("names the sender of the marker that follows a start, from someone else", () => {
    expect(
      sigmeetBotOf(
        lines(
          "@early:test: chatter before the meeting",
          `${CHAIR}: !startmeeting SIG`,
          "@member:test: hello",
          ...START_NOTICE.map((t) => `${BOT}: ${t}`),
        ),
      ),
    ).toBe(BOT);
    for (const start of ["#startmeeting SIG", "!sm SIG", "!STARTMEETING", "#sm"])
      expect(
        sigmeetBotOf(lines(`${CHAIR}: ${start}`, `${BOT}: ${SIGMEET_LOG_MARKER}`)),
        start,
      ).toBe(BOT);
  });

  it("is null when the starter typed the marker", () => {
    expect(
      sigmeetBotOf(lines(`${CHAIR}: !startmeeting SIG`, `${CHAIR}: ${SIGMEET_LOG_MARKER}`)),
    ).toBe(null);
  });

  it("is null for a marker before any start, far after the start, or not the exact line", () => {
    expect(
      sigmeetBotOf(lines(`${BOT}: ${SIGMEET_LOG_MARKER}`, `${CHAIR}: !startmeeting SIG`)),
    ).toBe(null);
    const chatter = Array.from({ length: 40 }, (_, i) => `@member:test: line ${String(i)}`);
    expect(
      sigmeetBotOf(
        lines(`${CHAIR}: !startmeeting SIG`, ...chatter, `${BOT}: ${SIGMEET_LOG_MARKER}`),
      ),
    ).toBe(null);
    // At the edge of the window it still counts.
    expect(
      sigmeetBotOf(
        lines(`${CHAIR}: !startmeeting SIG`, ...chatter.slice(1), `${BOT}: ${SIGMEET_LOG_MARKER}`),
      ),
    ).toBe(BOT);
    expect(
      sigmeetBotOf(lines(`${CHAIR}: !startmeeting SIG`, `${BOT}: ${SIGMEET_LOG_MARKER} (quoted)`)),
    ).toBe(null);
    expect(
      sigmeetBotOf(lines(`${CHAIR}: !startmeetings SIG`, `${BOT}: ${SIGMEET_LOG_MARKER}`)),
    ).toBe(null);
    expect(sigmeetBotOf([])).toBe(null);
  });

  it("finds the marker of a later meeting when an earlier start had none", () => {
    const chatter = Array.from({ length: 45 }, (_, i) => `@member:test: line ${String(i)}`);
    expect(
      sigmeetBotOf(
        lines(
          `${CHAIR}: !startmeeting first`,
          ...chatter,
          `${CHAIR}: !startmeeting second`,
          `${BOT}: ${SIGMEET_LOG_MARKER}`,
        ),
      ),
    ).toBe(BOT);
  });

  it("is null for maubot-meetings' logs (the repository's fixture and the corpus)", () => {
    const fixture = resolve(
      import.meta.dirname,
      "../render-matrix/fixtures/council.2026-05-06-14.01.log.txt",
    );
    const files = [fixture];
    const corpus = requireCorpus();
    const manifest = JSON.parse(readFileSync(join(corpus, "manifest.json"), "utf8")) as {
      era: string;
      files: { path: string; kind: string }[];
    }[];
    for (const entry of manifest)
      if (entry.era === "matrix")
        for (const f of entry.files)
          if (f.kind.startsWith("log_")) files.push(join(corpus, f.path));
    expect(files.length).toBeGreaterThan(2);
    let read = 0;
    for (const file of files) {
      const parsed = parseLog(decodeLog(readFileSync(file)).text, { fileName: file });
      if (parsed.lines.length === 0) continue;
      read++;
      expect(parsed.era, file).toBe("matrix");
      expect(sigmeetBotOf(parsed.lines), file).toBe(null);
    }
    expect(read).toBeGreaterThan(2);
  });
});

describe("loadMeetings of a sigmeet log", () => {
  function log(...entries: [string, string][]): string {
    return entries
      .map(
        ([nick, text], i) => `2024-01-02 10:00:${String(i).padStart(2, "0")} <${nick}> ${text}\n`,
      )
      .join("");
  }

  const sigmeetLog = log(
    [CHAIR, "!startmeeting SIG weekly"],
    ...START_NOTICE.map((t): [string, string] => [BOT, t]),
    [BOT, "Current chairs: @chair:test @pl:test"],
    ["@pl:test", "#topic Builds"],
    ["@member:test", "Current chairs: @member:test"],
    ["@member:test", "!agreed not a chair"],
    ["@member:test", "#info hash info"],
    [BOT, "!info the bot's lines are no commands"],
    ["@pl:test", "!chair @member:test"],
    [BOT, "Current chairs: @chair:test @pl:test @member:test"],
    ["@member:test", "!agreed now a chair"],
    [CHAIR, "!endmeeting"],
  );

  it("folds with the sigmeet dialect and takes the marker's sender as a bot", () => {
    const loaded = loadMeetings(
      sigmeetLog,
      "sig_matrix_test/2024-01-02/sig.2024-01-02-10.00.log.txt",
      {
        bots: [],
      },
    );
    expect(loaded.issues).toEqual([]);
    const [meeting] = loaded.meetings;
    expect(meeting?.channel).toBe("#sig:test");
    expect(meeting?.chairs).toEqual([CHAIR, "@pl:test", "@member:test"]);
    expect(meeting?.items.map((i) => [i.kind, i.text, i.nick])).toEqual([
      ["topic", "Builds", "@pl:test"],
      ["info", "hash info", "@member:test"],
      ["agreed", "now a chair", "@member:test"],
    ]);
    // Already listed or not, the bot is a bot once.
    const again = loadMeetings(sigmeetLog, "x.log.txt", { bots: [BOT], channel: "#c:test" });
    expect(again.meetings[0]?.items).toEqual(meeting?.items);
  });

  it("keeps maubot's rules for a log without the marker, and for a dialect given", () => {
    const maubot = sigmeetLog.replace(SIGMEET_LOG_MARKER, "Some other line");
    const [meeting] = loadMeetings(maubot, "x.log.txt", { bots: [], channel: "#c:test" }).meetings;
    expect(meeting?.items.map((i) => [i.kind, i.text])).toEqual([
      ["agreed", "not a chair"],
      ["info", "the bot's lines are no commands"],
      ["agreed", "now a chair"],
    ]);
    const [forced] = loadMeetings(sigmeetLog, "x.log.txt", {
      bots: [],
      channel: "#c:test",
      dialect: "fedora-matrix",
    }).meetings;
    expect(forced?.items.map((i) => i.text)).toEqual(meeting?.items.map((i) => i.text));
  });

  it("does not look for the marker in IRC logs", () => {
    const irc = [
      "10:00:00 <chair> #startmeeting SIG",
      `10:00:01 <zodbot> ${SIGMEET_LOG_MARKER}`,
      "10:00:02 <zodbot> Current chairs: chair other",
      "10:00:03 <other> #topic not a chair",
      "10:00:04 <chair> #endmeeting",
    ].join("\n");
    const [meeting] = loadMeetings(irc, "fedora-meeting/2024-01-02/sig.2024-01-02-10.00.log.txt", {
      bots: ["zodbot"],
    }).meetings;
    expect(meeting?.era).toBe("irc");
    expect(meeting?.chairs).toEqual(["chair"]);
    expect(meeting?.items).toEqual([]);
  });
});
