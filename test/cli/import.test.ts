import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { MOTE } from "../corpus-paths.ts";
import { sigmeet } from "./run-cli.ts";

/** A small archive in Fedora's layout: the two mote meetings, the rename stub, and a junk file. */
function archive(): string {
  const root = mkdtempSync(join(tmpdir(), "sigmeet-archive-"));
  const day = join(root, "fedora-meeting", "2020-06-10");
  mkdirSync(day, { recursive: true });
  for (const f of [
    "magazine.2020-06-10-12.02.log.txt",
    "magazine.2020-06-10-12.02.log.html", // skipped: the .log.txt beside it has the same lines
    "fedora_iot_working_group_meeting.2020-06-10-14.10.log.txt",
    "magazine_editorial_board.2020-06-10-12.02.log.txt", // the stub left by #meetingname
  ]) {
    copyFileSync(join(MOTE, f), join(day, f));
  }
  writeFileSync(join(day, "notes.txt"), "not a log, and not named like one");
  return root;
}

function tableCounts(db: string): Record<string, number> {
  const conn = new DatabaseSync(db, { readOnly: true });
  try {
    const count = (t: string): number =>
      (conn.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const lines = conn.prepare("SELECT sum(line_count) AS n FROM meeting_logs").get() as {
      n: number;
    };
    return { meetings: count("meetings"), lines: lines.n, items: count("items") };
  } finally {
    conn.close();
  }
}

describe("sigmeet import / items / search", () => {
  const dir = archive();
  const db = join(mkdtempSync(join(tmpdir(), "sigmeet-db-")), "test.db");

  it("imports an archive and says what it did", () => {
    const r = sigmeet(["import", dir, "--db", db]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("3 meetings new, 0 updated, 0 unchanged");
    expect(tableCounts(db)).toEqual({ meetings: 3, lines: 270 + 23 + 1, items: 46 + 1 });
  });

  it("changes nothing when the same logs are imported again", () => {
    const before = tableCounts(db);
    const r = sigmeet(["import", dir, "--db", db]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      "0 meetings new, 0 updated, 0 unchanged; 3 files already imported, unchanged",
    );
    expect(tableCounts(db)).toEqual(before);
  });

  it("lists open actions with their owners, and decisions", () => {
    const actions = sigmeet(["items", "--open", "--json", "--db", db]);
    expect(actions.status).toBe(0);
    const rows = actions.stdout
      .trimEnd()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as { text: string; owners: string[]; status: string; meetingName: string },
      );
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.status === "open" && r.meetingName === "magazine")).toBe(true);
    expect(
      rows.find((r) => r.text === "asamalik to finalize the success criteria")?.owners,
    ).toEqual(["asamalik"]);
    const decisions = sigmeet(["items", "--kind", "decision", "--db", db]);
    expect(decisions.stdout.trimEnd().split("\n")).toHaveLength(2);
    expect(decisions.stdout).toContain("AGREED: We will delay the dates of the Discourse trial");
    const mine = sigmeet(["items", "--owner", "bcotton", "--json", "--db", db]);
    expect(mine.stdout.trimEnd().split("\n")).toHaveLength(4);
  });

  it("finds words in items and in log lines, whatever characters the query holds", () => {
    const hits = sigmeet(["search", "magical", "container", "--json", "--db", db]);
    expect(hits.status).toBe(0);
    const rows = hits.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { kind: string; nick: string });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((h) => h.kind === "line")).toBe(true);
    for (const hostile of ['"', "NEAR(", "a*", "-x", "col:umn", "AND OR NOT"]) {
      const r = sigmeet(["search", "--db", db, "--", hostile]);
      expect(r.status, `query ${hostile}: ${r.stderr}`).toBe(0);
    }
  });

  it("fails clearly on a file that is not a database", () => {
    const notDb = join(mkdtempSync(join(tmpdir(), "sigmeet-notdb-")), "x.db");
    writeFileSync(notDb, "this is not sqlite".repeat(100));
    const r = sigmeet(["items", "--db", notDb]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(notDb);
  });

  it("imports a large batch in bulk, and its words are searchable afterwards", () => {
    const root = mkdtempSync(join(tmpdir(), "sigmeet-bulk-"));
    for (let i = 0; i < 120; i++) {
      const day = `2021-01-${String(1 + (i % 28)).padStart(2, "0")}`;
      const hour = String(10 + Math.floor(i / 28)).padStart(2, "0");
      const folder = join(root, "fedora-meeting", day);
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, `eln.${day}-${hour}.00.log.txt`),
        [
          `${hour}:00:00 <alice> #startmeeting ELN ${i}`,
          `${hour}:00:01 <bob> we talked about widget${i}`,
          `${hour}:00:02 <alice> #action bob to ship gadget${i}`,
          `${hour}:00:03 <alice> #endmeeting`,
        ].join("\n"),
      );
    }
    const bulkDb = join(root, "bulk.db");
    const first = sigmeet(["import", root, "--db", bulkDb]);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain("120 meetings new");
    for (const word of ["widget7", "gadget119"]) {
      const hit = sigmeet(["search", word, "--json", "--db", bulkDb]);
      expect(hit.stdout.trim().split("\n")).not.toEqual([""]);
    }
    const again = sigmeet(["import", root, "--db", bulkDb]);
    expect(again.stderr).toContain("120 files already imported, unchanged");
  });
});

describe("an import killed part-way", () => {
  it("loses and duplicates nothing once it is run again", async () => {
    const root = mkdtempSync(join(tmpdir(), "sigmeet-kill-"));
    const total = 1000;
    for (let i = 0; i < total; i++) {
      const day = new Date(Date.UTC(2022, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const folder = join(root, "fedora-meeting", day);
      mkdirSync(folder, { recursive: true });
      const lines = [`15:00:00 <alice> #startmeeting Kill test ${i}`];
      for (let n = 1; n < 100; n++)
        lines.push(`15:01:${String(n % 60).padStart(2, "0")} <bob> talk ${i} ${n}`);
      lines.push(
        `15:05:00 <alice> #action bob to follow up on ${i}`,
        "15:05:01 <alice> #endmeeting",
      );
      writeFileSync(join(folder, `kill.${day}-15.00.log.txt`), lines.join("\n"));
    }
    const db = join(root, "kill.db");
    const meetings = (): number => {
      try {
        return tableCounts(db).meetings ?? 0;
      } catch {
        return 0; // not created yet, or its schema not yet in place
      }
    };
    // Kill the import with SIGKILL once it has committed some meetings but not all.
    const child = spawn(process.execPath, [
      join(import.meta.dirname, "../../src/cli/main.ts"),
      "import",
      root,
      "--db",
      db,
    ]);
    const closed = new Promise((resolve) => child.on("close", resolve));
    let seen = 0;
    while (child.exitCode === null && (seen = meetings()) === 0)
      await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    await closed;
    expect(
      seen,
      "the import finished before it could be killed; make the archive larger",
    ).toBeGreaterThan(0);
    const committed = meetings();
    expect(committed).toBeLessThan(total);

    const last = sigmeet(["import", root, "--db", db]);
    expect(last.status).toBe(0);
    expect(last.stderr).toContain(`${total - committed} meetings new`);
    const counts = tableCounts(db);
    expect(counts).toEqual({ meetings: total, items: total, lines: total * 102 });
    // The search indexes were repaired: every meeting's action item and its log line are found.
    const hits = sigmeet(["search", "follow", "--json", "-n", "5000", "--db", db]);
    expect(hits.stdout.trim().split("\n")).toHaveLength(total * 2);
  }, 120_000);
});
