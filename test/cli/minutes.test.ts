import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  copyFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MeetingJsonSchema } from "../../src/render/json/schema.ts";
import { MOTE } from "../corpus-paths.ts";
import { sigmeet } from "./run-cli.ts";

const magazine = join(MOTE, "magazine.2020-06-10-12.02");
const iot = join(MOTE, "fedora_iot_working_group_meeting.2020-06-10-14.10");

describe("sigmeet (CLI basics)", () => {
  it("prints help for the program and for each command, exit 0", () => {
    const top = sigmeet(["--help"]);
    expect(top.status).toBe(0);
    for (const cmd of ["demo", "minutes", "import", "items", "search", "run"])
      expect(top.stdout).toContain(cmd);
    for (const cmd of ["minutes", "import", "items", "search", "demo"]) {
      const sub = sigmeet([cmd, "--help"]);
      expect(sub.status).toBe(0);
      expect(sub.stdout).toMatch(/^Usage: sigmeet /);
    }
  });

  it("prints its version", () => {
    const version = (
      JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as {
        version: string;
      }
    ).version;
    expect(sigmeet(["--version"]).stdout.trim()).toBe(version);
  });

  it("exits 2 on usage errors", () => {
    expect(sigmeet(["minutes"]).status).toBe(2);
    expect(sigmeet(["minutes", "--format", "pdf", `${magazine}.log.txt`]).status).toBe(2);
    expect(sigmeet(["frobnicate"]).status).toBe(2);
  });

  it("refuses `run` without a matrix section, naming the keys it needs", () => {
    const r = sigmeet(["run", "--db", ":memory:"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("matrix: not configured");
    expect(r.stderr).toContain("matrix.homeserverUrl");
  });
});

describe("sigmeet minutes", () => {
  it("regenerates Fedora's text and HTML minutes byte for byte on stdout", () => {
    for (const stem of [magazine, iot]) {
      const text = sigmeet(["minutes", `${stem}.log.txt`]);
      expect(text.status).toBe(0);
      expect(text.stdout).toBe(readFileSync(`${stem}.txt`, "utf8"));
      const html = sigmeet(["minutes", "--format", "html", `${stem}.log.html`]);
      expect(html.status).toBe(0);
      expect(html.stdout).toBe(readFileSync(`${stem}.html`, "utf8"));
    }
  });

  it("refuses several meetings on stdout except as JSON Lines", () => {
    const both = [`${magazine}.log.txt`, `${iot}.log.txt`];
    const text = sigmeet(["minutes", ...both]);
    expect(text.status).toBe(2);
    expect(text.stderr).toContain("--out");
    const json = sigmeet(["minutes", "--format", "json", ...both]);
    expect(json.status).toBe(0);
    const lines = json.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const parsed = lines.map((l) => MeetingJsonSchema.parse(JSON.parse(l)));
    expect(parsed.map((m) => [m.name, m.actions.length, m.decisions.length])).toEqual([
      ["magazine", 8, 2],
      ["fedora_iot_working_group_meeting", 0, 0],
    ]);
    expect(parsed[0]?.actions[0]?.owners).toEqual(["sysoplab"]);
  });

  it("writes every format in Fedora's layout under --out", () => {
    const src = mkdtempSync(join(tmpdir(), "sigmeet-in-"));
    const dir = join(src, "fedora-meeting", "2020-06-10");
    mkdirSync(dir, { recursive: true });
    copyFileSync(`${magazine}.log.txt`, join(dir, "magazine.2020-06-10-12.02.log.txt"));
    const out = mkdtempSync(join(tmpdir(), "sigmeet-out-"));
    const r = sigmeet(["minutes", src, "--format", "all", "--out", out]);
    expect(r.status).toBe(0);
    const written = readdirSync(join(out, "fedora-meeting", "2020-06-10")).sort();
    expect(written).toEqual(
      ["html", "json", "log.html", "log.txt", "md", "txt"]
        .map((ext) => `magazine.2020-06-10-12.02.${ext}`)
        .sort(),
    );
    for (const ext of ["txt", "html", "log.html", "log.txt"]) {
      expect(
        readFileSync(
          join(out, "fedora-meeting", "2020-06-10", `magazine.2020-06-10-12.02.${ext}`),
          "utf8",
        ),
      ).toBe(readFileSync(`${magazine}.${ext}`, "utf8"));
    }
  });

  it("reports an unreadable line with file and line number, reads the rest, and exits 3", () => {
    const dir = mkdtempSync(join(tmpdir(), "sigmeet-bad-"));
    const file = join(dir, "eln.2024-01-02-15.00.log.txt");
    writeFileSync(
      file,
      [
        "15:00:01 <alice> #startmeeting ELN SIG",
        "15:00:02 <alice> #topic Builds",
        "this line is garbage",
        "15:00:04 <alice> #action bob to fix the build",
        "15:00:05 <alice> #endmeeting",
      ].join("\n"),
    );
    const r = sigmeet(["minutes", "--format", "json", file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${file}:3:`);
    const meeting = MeetingJsonSchema.parse(JSON.parse(r.stdout));
    expect(meeting.actions.map((a) => a.text)).toEqual(["bob to fix the build"]);
  });

  it("says why when a file holds no meeting, exit 3", () => {
    const dir = mkdtempSync(join(tmpdir(), "sigmeet-none-"));
    const file = join(dir, "chat.log.txt");
    writeFileSync(file, "10:00:00 <alice> hello\n10:00:01 <bob> hi\n");
    const r = sigmeet(["minutes", file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/chat\.log\.txt:1: no meeting found/);
  });

  it("fails with exit 1 and names a missing file", () => {
    const r = sigmeet(["minutes", "/nonexistent/x.log.txt"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("/nonexistent/x.log.txt: no such file");
  });
});

describe("--config", () => {
  it("accepts the documented example", () => {
    const r = sigmeet([
      "--config",
      join(import.meta.dirname, "../../config/sigmeet.example.yaml"),
      "minutes",
      `${iot}.log.txt`,
    ]);
    expect(r.status).toBe(0);
  });

  it("names the key of a bad setting and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "sigmeet-cfg-"));
    const typo = join(dir, "typo.yaml");
    writeFileSync(typo, "identites:\n  a: b\n");
    const r1 = sigmeet(["--config", typo, "minutes", `${iot}.log.txt`]);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toContain("identites");
    const wrong = join(dir, "wrong.yaml");
    writeFileSync(wrong, "bots: zodbot\nlogUrlBase: not a url\n");
    const r2 = sigmeet(["--config", wrong, "minutes", `${iot}.log.txt`]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/bots: .*array/i);
    expect(r2.stderr).toMatch(/logUrlBase: /);
    const broken = join(dir, "broken.yaml");
    writeFileSync(broken, "identities:\n  a: [b\n");
    const r3 = sigmeet(["--config", broken, "minutes", `${iot}.log.txt`]);
    expect(r3.status).toBe(1);
    expect(r3.stderr).toMatch(/broken\.yaml:\d+:\d+: invalid YAML/);
  });
});
