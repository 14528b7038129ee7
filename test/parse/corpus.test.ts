import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LogForm } from "../../src/core/log-line.ts";
import { decodeLog } from "../../src/core/parse/decode.ts";
import { parseLog } from "../../src/core/parse/parse-log.ts";
import { requireCorpus } from "../corpus-paths.ts";

const CORPUS = requireCorpus();
const RAW = join(CORPUS, "raw");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function parseFile(rel: string) {
  const path = join(RAW, rel);
  return parseLog(decodeLog(readFileSync(path)).text, { fileName: path });
}

describe("corpus sweep", () => {
  const files = walk(RAW);
  it("finds the corpus", () => {
    expect(files.length).toBeGreaterThan(40);
  });
  for (const path of files) {
    const rel = path.slice(RAW.length + 1);
    it(`reads or explains ${rel}`, () => {
      const r = parseFile(rel);
      expect(r.lines.length > 0 || r.issues.length > 0).toBe(true);
      for (const l of r.lines) {
        expect(l.time).toMatch(/^\d\d:\d\d:\d\d$/);
        expect(l.date).toMatch(/^\d{4}-\d\d-\d\d$/);
        expect(l.text).not.toMatch(/[\r\n]/);
      }
    });
  }

  it("agrees with the manifest's era for every log file it reads", () => {
    const manifest = JSON.parse(readFileSync(join(CORPUS, "manifest.json"), "utf8")) as {
      era: string;
      files: { path: string; kind: string }[];
    }[];
    let checked = 0;
    for (const m of manifest) {
      for (const f of m.files) {
        if (!f.kind.startsWith("log_")) continue;
        const r = parseFile(f.path.replace(/^raw\//, ""));
        if (r.lines.length === 0) continue;
        expect(r.era, f.path).toBe(m.era);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
  });

  const known: [string, "irc" | "matrix", LogForm, number][] = [
    [
      "pages/meetbot-raw.fedoraproject.org/teams/council/council.2026-05-06-14.01.log.txt",
      "matrix",
      "collapsed",
      22,
    ],
    [
      "pages/meetbot-raw.fedoraproject.org/teams/council/council.2026-05-06-14.01.log.html",
      "matrix",
      "html-text",
      25,
    ],
    [
      "pages/meetbot-raw.fedoraproject.org/teams/council/council.2022-11-23-15.00.log.html",
      "irc",
      "collapsed",
      31,
    ],
    [
      "pages/meetbot-raw.fedoraproject.org/fedora-meeting-1/2020-03-23/fesco.2020-03-23-15.00.log.html",
      "irc",
      "html-text",
      33,
    ],
    [
      "pages/meetbot.fedoraproject.org/fedora-meeting/2014-04-02/fesco.2014-04-02-18.01.log.html",
      "irc",
      "html-text",
      38,
    ],
    [
      "github/fedora-infra/mote/tests/meetbot/fedora-meeting/2020-06-10/magazine_editorial_board.2020-06-10-12.02.log.txt",
      "irc",
      "txt",
      1,
    ],
  ];
  for (const [rel, era, form, count] of known) {
    it(`reads ${rel.split("/").pop() ?? rel} as ${era} ${form}`, () => {
      const r = parseFile(rel);
      expect([r.era, r.form, r.lines.length]).toEqual([era, form, count]);
    });
  }

  it("reports the lost <nick> tokens of fesco.2015-01-28 instead of inventing nicks", () => {
    const r = parseFile(
      "pages/meetbot-raw.fedoraproject.org/teams/fesco/fesco.2015-01-28-18.02.log.txt",
    );
    expect(r.lines).toEqual([]);
    expect(r.issues.map((i) => i.message).join("\n")).toMatch(/cannot be attributed/);
  });

  it("reports minutes as minutes", () => {
    const r = parseFile(
      "github/fedora-infra/fedmsg_meta_fedora_infrastructure/releng.2015-02-09-16.31.txt",
    );
    expect(r.lines).toEqual([]);
    expect(r.issues[0]?.message).toMatch(/minutes/);
  });

  it("reads the iot log across the page chrome of a mote 2.0 copy: chrome counted once", () => {
    const r = parseFile(
      "pages/meetbot.fedoraproject.org/fedora-meeting/2014-04-02/fesco.2014-04-02-18.01.log.html",
    );
    expect(r.issues).toHaveLength(1);
    expect(r.lines[0]).toEqual({
      n: 1,
      date: "2014-04-02",
      time: "18:01:02",
      nick: "dgilmore",
      action: false,
      text: "#startmeeting",
    });
  });
});
