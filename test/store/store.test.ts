import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LogLine } from "../../src/core/log-line.ts";
import type { Item, ItemKind, Meeting } from "../../src/core/meeting.ts";
import { openStore } from "../../src/store/open-store.ts";
import { StoreError } from "../../src/store/store-error.ts";
import type { Store } from "../../src/store/types.ts";

function line(n: number, nick: string, text: string, action = false): LogLine {
  const minute = String(10 + Math.floor(n / 60)).padStart(2, "0");
  const second = String(n % 60).padStart(2, "0");
  return { n, date: "2020-06-10", time: `14:${minute}:${second}`, nick, action, text };
}

function item(kind: ItemKind, text: string, at: number, topic: string | null = "Release"): Item {
  return {
    kind,
    text,
    nick: "bcotton",
    line: at,
    date: "2020-06-10",
    time: line(at, "", "").time,
    topic,
  };
}

/** A small IRC meeting; `extra` lines are appended after the fixed ones (a growing live log). */
function meeting(overrides: Partial<Meeting> = {}): Meeting {
  const lines = [
    line(1, "bcotton", "#startmeeting FESCo (2020-06-10)"),
    line(2, "bcotton", "#topic Release blockers"),
    line(3, "mattdm", "the compose for beta is still red"),
    line(4, "nirik", "waves hello", true),
    line(5, "bcotton", "#action mattdm to file the blocker bug"),
    line(6, "bcotton", "#agreed beta slips one week (+5, 0, -0)"),
    line(7, "adamw", 'we are NEAR the freeze: foo-bar "quoted" * stuff'),
  ];
  return {
    era: "irc",
    channel: "#fedora-meeting",
    title: "FESCo (2020-06-10)",
    name: "fesco",
    previousNames: [],
    owner: "bcotton",
    chairs: ["bcotton", "mattdm"],
    start: { line: 1, date: "2020-06-10", time: lines[0]!.time },
    end: null,
    items: [
      item("topic", "Release blockers", 2, null),
      item("action", "mattdm to file the blocker bug", 5),
      item("agreed", "beta slips one week (+5, 0, -0)", 6),
    ],
    attendees: [
      { nick: "bcotton", lines: 4 },
      { nick: "mattdm", lines: 1 },
      { nick: "nirik", lines: 1 },
      { nick: "adamw", lines: 1 },
    ],
    lines,
    ...overrides,
  };
}

/** Assignees: the first word of an action, as a stand-in for the real owner detection. */
function ownersOf(it: Item): string[] {
  return it.kind === "action" ? [it.text.split(" ")[0]!] : [];
}

const SOURCE = { path: "/logs/fesco.2020-06-10-14.10.log.txt", sha256: "a".repeat(64) };
const GROWN = { path: SOURCE.path, sha256: "b".repeat(64) };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sigmeet-store-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function withStore(path: string, body: (store: Store) => void): void {
  const store = openStore(path, { now: () => new Date("2026-01-01T00:00:00Z") });
  try {
    body(store);
  } finally {
    store.close();
  }
}

/** Every row of every table, hashed; changes if anything at all was rewritten differently. */
function contentHash(db: DatabaseSync): string {
  const hash = createHash("sha256");
  for (const table of ["meetings", "meeting_logs", "items", "attendees"]) {
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest("hex");
}

function checkFts(db: DatabaseSync): void {
  // Throws "database disk image is malformed" if an external-content index disagrees with its table.
  db.exec("INSERT INTO items_fts (items_fts) VALUES ('integrity-check')");
  db.exec("INSERT INTO meeting_logs_fts (meeting_logs_fts) VALUES ('integrity-check')");
}

describe.each([":memory:", "file"])("store on %s", (kind) => {
  it("imports a meeting and reads it back", () => {
    withStore(kind === "file" ? join(dir, "a.db") : ":memory:", (store) => {
      const result = store.importMeeting(meeting(), SOURCE, ownersOf);
      expect(result.status).toBe("inserted");
      expect(store.stats()).toEqual({
        schemaVersion: 6,
        meetings: 1,
        lines: 7,
        items: 3,
        actions: 1,
        openActions: 1,
        decisions: 1,
        attendees: 4,
      });
      expect(store.listItems({ kind: "action" })).toEqual([
        {
          id: expect.any(Number) as number,
          meetingId: result.meetingId,
          meetingName: "fesco",
          meetingTitle: "FESCo (2020-06-10)",
          era: "irc",
          channel: "#fedora-meeting",
          startedAt: "2020-06-10T14:10:01Z",
          seq: 1,
          kind: "action",
          text: "mattdm to file the blocker bug",
          nick: "bcotton",
          line: 5,
          date: "2020-06-10",
          time: "14:10:05",
          topic: "Release",
          status: "open",
          owners: ["mattdm"],
        },
      ]);
      expect(store.search("compose").map((h) => [h.kind, h.line, h.nick, h.time])).toEqual([
        ["line", 3, "mattdm", "14:10:03"],
      ]);
    });
  });
});

describe("importMeeting", () => {
  it("re-importing the same log writes nothing", () => {
    const path = join(dir, "same.db");
    withStore(path, (store) => {
      const first = store.importMeeting(meeting(), SOURCE, ownersOf);
      const watcher = new DatabaseSync(path);
      // data_version changes whenever another connection commits anything to the file.
      const dataVersion = () => watcher.prepare("PRAGMA data_version").get()?.data_version;
      const before = { version: dataVersion(), hash: contentHash(watcher) };
      expect(store.importMeeting(meeting(), SOURCE, ownersOf)).toEqual({
        status: "unchanged",
        meetingId: first.meetingId,
      });
      expect({ version: dataVersion(), hash: contentHash(watcher) }).toEqual(before);
      expect(store.stats().lines).toBe(7);
      watcher.close();
    });
  });

  it("a grown log replaces the content but keeps item ids and action status", () => {
    const path = join(dir, "grown.db");
    withStore(path, (store) => {
      const { meetingId } = store.importMeeting(meeting(), SOURCE, ownersOf);
      const [action] = store.listItems({ kind: "action" });
      store.setItemStatus(action!.id, "done");

      const base = meeting();
      const grown = meeting({
        lines: [
          // A re-parse may also change a line already stored (here: the /me line).
          ...base.lines.map((l) => (l.n === 4 ? line(4, "nirik", "waves goodbye", true) : l)),
          line(8, "bcotton", "#action nirik to retire the xylophone package"),
          line(9, "nirik", "ack, platypus"),
        ],
        items: [
          ...base.items.filter((i) => i.kind !== "agreed"), // undone later in the meeting
          item("action", "nirik to retire the xylophone package", 8),
        ],
        attendees: [...base.attendees, { nick: "newbie", lines: 0 }],
        end: { line: 9, date: "2020-06-10", time: "14:10:09" },
      });
      expect(store.importMeeting(grown, GROWN, ownersOf)).toEqual({ status: "updated", meetingId });

      const actions = store.listItems({ kind: "action" });
      expect(actions.map((a) => [a.text, a.status, a.owners])).toEqual([
        ["mattdm to file the blocker bug", "done", ["mattdm"]],
        ["nirik to retire the xylophone package", "open", ["nirik"]],
      ]);
      expect(actions[0]!.id).toBe(action!.id);
      expect(store.listItems({ kind: "decision" })).toEqual([]);
      expect(store.stats()).toMatchObject({ meetings: 1, lines: 9, items: 3, attendees: 5 });
      expect(store.search("platypus").map((h) => h.line)).toEqual([9]);
      expect(store.search("goodbye").map((h) => h.line)).toEqual([4]);
      expect(store.search("hello")).toEqual([]); // the old text is gone from the log index
      expect(store.search("xylophone").map((h) => h.kind)).toEqual(["item", "line"]);
      // The undone decision is gone from the item index; its log line stays.
      expect(store.search("slips").map((h) => h.kind)).toEqual(["line"]);
      const raw = new DatabaseSync(path);
      checkFts(raw);
      expect(raw.prepare("SELECT ended_at, source_sha256 FROM meetings").get()).toEqual({
        ended_at: "2020-06-10T14:10:09Z",
        source_sha256: GROWN.sha256,
      });
      raw.close();
    });
  });

  it("keeps the status of an action whose line number moved (same kind and text)", () => {
    withStore(":memory:", (store) => {
      store.importMeeting(meeting(), SOURCE, ownersOf);
      const [action] = store.listItems({ kind: "action" });
      store.setItemStatus(action!.id, "done");
      const moved = meeting({ items: [item("action", "mattdm to file the blocker bug", 42)] });
      expect(store.importMeeting(moved, GROWN, ownersOf).status).toBe("updated");
      expect(store.listItems({ kind: "action" }).map((a) => [a.id, a.line, a.status])).toEqual([
        [action!.id, 42, "done"],
      ]);
    });
  });

  it("finds a renamed meeting by its previous name and updates it", () => {
    withStore(":memory:", (store) => {
      const { meetingId } = store.importMeeting(
        meeting({ name: "fedora_meeting" }),
        SOURCE,
        ownersOf,
      );
      const renamed = meeting({ name: "fesco", previousNames: ["fedora_meeting"] });
      expect(store.importMeeting(renamed, GROWN, ownersOf)).toEqual({
        status: "updated",
        meetingId,
      });
      expect(store.listItems({ meetingName: "fesco" })).toHaveLength(3);
      expect(store.listItems({ meetingName: "fedora_meeting" })).toHaveLength(0);
    });
  });

  it("keeps meetings with different keys apart", () => {
    withStore(":memory:", (store) => {
      const a = store.importMeeting(meeting(), SOURCE, ownersOf);
      const b = store.importMeeting(meeting({ channel: "#fedora-meeting-1" }), SOURCE, ownersOf);
      const c = store.importMeeting(meeting({ era: "matrix" }), SOURCE, ownersOf);
      expect([a.status, b.status, c.status]).toEqual(["inserted", "inserted", "inserted"]);
      expect(new Set([a.meetingId, b.meetingId, c.meetingId]).size).toBe(3);
      expect(store.stats().lines).toBe(21);
    });
  });

  it("rolls back a meeting that cannot be stored", () => {
    withStore(":memory:", (store) => {
      const bad = meeting({ lines: [line(0, "bcotton", "line zero")] });
      expect(() => store.importMeeting(bad, SOURCE, ownersOf)).toThrow(/line number 0/);
      expect(store.stats()).toMatchObject({ meetings: 0, lines: 0, items: 0 });
    });
  });
});

describe("bulkImport", () => {
  it("indexes the logs once at the end and leaves a consistent index", () => {
    const path = join(dir, "bulk.db");
    withStore(path, (store) => {
      store.importMeeting(meeting({ name: "before" }), SOURCE, ownersOf);
      const statuses = store.bulkImport(() => [
        store.importMeeting(meeting({ name: "one" }), SOURCE, ownersOf).status,
        store.importMeeting(
          meeting({ name: "before", lines: [line(1, "x", "quetzal")] }),
          GROWN,
          ownersOf,
        ).status,
        store.bulkImport(
          () => store.importMeeting(meeting({ name: "two" }), SOURCE, ownersOf).status,
        ),
      ]);
      expect(statuses).toEqual(["inserted", "updated", "inserted"]);
      expect(
        store
          .search("compose")
          .map((h) => h.meetingName)
          .sort(),
      ).toEqual(["one", "two"]);
      expect(store.search("quetzal").map((h) => h.meetingName)).toEqual(["before"]);
      const raw = new DatabaseSync(path);
      checkFts(raw);
      expect(raw.prepare("SELECT count(*) AS n FROM flags").get()?.n).toBe(0);
      raw.close();
    });
  });

  it("a meeting that fails half-way leaves nothing behind, and its batch keeps the others", () => {
    const path = join(dir, "half.db");
    withStore(path, (store) => {
      const bad = meeting({ name: "bad", items: [item("bogus" as ItemKind, "fails in SQL", 3)] });
      store.bulkImport(() => {
        store.importMeeting(meeting({ name: "one" }), SOURCE, ownersOf);
        // The meetings row and the log are written before the item's CHECK fails.
        expect(() => store.importMeeting(bad, GROWN, ownersOf)).toThrow(/CHECK constraint/);
        store.importMeeting(meeting({ name: "two" }), SOURCE, ownersOf);
      });
      expect(store.stats()).toMatchObject({ meetings: 2, lines: 14, items: 6, attendees: 8 });
      expect(store.hasSource(GROWN.sha256)).toBe(false);
      const raw = new DatabaseSync(path);
      checkFts(raw);
      raw.close();
    });
  });

  it("writes nothing when every meeting is unchanged", () => {
    const path = join(dir, "again.db");
    withStore(path, (store) => {
      store.importMeeting(meeting(), SOURCE, ownersOf);
      const watcher = new DatabaseSync(path);
      const dataVersion = () => watcher.prepare("PRAGMA data_version").get()?.data_version;
      const before = dataVersion();
      const statuses = store.bulkImport(
        () => store.importMeeting(meeting(), SOURCE, ownersOf).status,
      );
      expect(statuses).toBe("unchanged");
      expect(dataVersion()).toBe(before);
      watcher.close();
    });
  });

  it("rebuilds the index when the body throws, and lets the error through", () => {
    withStore(":memory:", (store) => {
      const oops = new Error("parser blew up");
      expect(() =>
        store.bulkImport(() => {
          store.importMeeting(meeting(), SOURCE, ownersOf);
          throw oops;
        }),
      ).toThrow(oops);
      expect(store.search("compose").map((h) => h.line)).toEqual([3]);
    });
  });

  it("an interrupted bulk import is repaired when the store is opened again", () => {
    const path = join(dir, "crashed.db");
    withStore(path, (store) => store.importMeeting(meeting(), SOURCE, ownersOf));
    const raw = new DatabaseSync(path);
    // What a crash inside bulkImport leaves: the flag set, logs missing from the index.
    raw.exec(`INSERT INTO meeting_logs_fts (meeting_logs_fts) VALUES ('delete-all');
      INSERT INTO items_fts (items_fts) VALUES ('delete-all');
      INSERT INTO flags VALUES ('fts_stale', '2026-01-01T00:00:00Z');`);
    raw.close();
    withStore(path, (store) => {
      expect(store.search("compose").map((h) => h.line)).toEqual([3]);
      expect(store.search("blocker").map((h) => h.kind)).toEqual(["item", "line"]);
    });
  });
});

describe("hasSource and callbacks", () => {
  it("knows which sources were imported", () => {
    withStore(":memory:", (store) => {
      expect(store.hasSource(SOURCE.sha256)).toBe(false);
      store.importMeeting(meeting(), SOURCE, ownersOf);
      expect(store.hasSource(SOURCE.sha256)).toBe(true);
      expect(store.hasSource(GROWN.sha256)).toBe(false);
    });
  });

  it("passes errors of ownersOf through untouched and rolls back", () => {
    withStore(":memory:", (store) => {
      const oops = new TypeError("owner lookup failed");
      expect(() =>
        store.importMeeting(meeting(), SOURCE, () => {
          throw oops;
        }),
      ).toThrow(oops);
      expect(store.stats().meetings).toBe(0);
    });
  });
});

describe("listItems", () => {
  function seeded(body: (store: Store) => void): void {
    withStore(":memory:", (store) => {
      store.importMeeting(meeting(), SOURCE, ownersOf);
      store.importMeeting(
        meeting({
          name: "council",
          start: { line: 1, date: "2020-06-11", time: "15:00:00" },
          items: [
            item("action", "Nirik to update the wiki", 3),
            item("action", "adamw to test the compose", 4),
            item("accepted", "FESCo ticket 2400", 5),
            item("rejected", "FESCo ticket 2401", 6),
            item("info", "an info item", 7),
          ],
        }),
        SOURCE,
        ownersOf,
      );
      body(store);
    });
  }

  const texts = (rows: readonly { text: string }[]) => rows.map((r) => r.text);

  it("filters by kind, newest meeting first", () => {
    seeded((store) => {
      expect(texts(store.listItems({ kind: "action" }))).toEqual([
        "Nirik to update the wiki",
        "adamw to test the compose",
        "mattdm to file the blocker bug",
      ]);
      expect(texts(store.listItems({ kind: "decision" }))).toEqual([
        "FESCo ticket 2400",
        "FESCo ticket 2401",
        "beta slips one week (+5, 0, -0)",
      ]);
      expect(store.listItems()).toHaveLength(8);
    });
  });

  it("filters by open/done, meeting name, owner (case-insensitive) and limit", () => {
    seeded((store) => {
      const [wiki] = store.listItems({ owner: "nirik" });
      expect(wiki?.text).toBe("Nirik to update the wiki");
      store.setItemStatus(wiki!.id, "done");
      expect(texts(store.listItems({ open: false }))).toEqual(["Nirik to update the wiki"]);
      expect(texts(store.listItems({ open: true }))).toEqual([
        "adamw to test the compose",
        "mattdm to file the blocker bug",
      ]);
      expect(texts(store.listItems({ kind: "action", meetingName: "fesco" }))).toEqual([
        "mattdm to file the blocker bug",
      ]);
      expect(texts(store.listItems({ owner: "ADAMW", open: true }))).toEqual([
        "adamw to test the compose",
      ]);
      expect(store.listItems({ owner: "nobody" })).toEqual([]);
      expect(texts(store.listItems({ limit: 2 }))).toEqual([
        "Nirik to update the wiki",
        "adamw to test the compose",
      ]);
      expect(store.stats().openActions).toBe(2);
      store.setItemStatus(wiki!.id, "open");
      expect(store.stats().openActions).toBe(3);
    });
  });

  it("rejects a status on unknown ids and on items that are no action", () => {
    seeded((store) => {
      const [info] = store.listItems().filter((r) => r.kind === "info");
      expect(() => {
        store.setItemStatus(info!.id, "done");
      }).toThrow(/is a info; only actions have a status/);
      expect(() => {
        store.setItemStatus(999_999, "done");
      }).toThrow(StoreError);
      expect(() => {
        store.setItemStatus(info!.id, "closed" as "done");
      }).toThrow(/must be open or done/);
    });
  });
});

describe("search", () => {
  it("finds words in lines and in items, items first, with snippets", () => {
    withStore(":memory:", (store) => {
      store.importMeeting(meeting(), SOURCE, ownersOf);
      const hits = store.search("blocker");
      expect(hits.map((h) => [h.kind, h.itemKind, h.line])).toEqual([
        ["item", "action", 5],
        ["line", null, 5],
      ]);
      expect(hits[0]).toMatchObject({
        meetingName: "fesco",
        channel: "#fedora-meeting",
        startedAt: "2020-06-10T14:10:01Z",
        nick: "bcotton",
        time: "14:10:05",
        snippet: "mattdm to file the «blocker» bug",
      });
      expect(hits[1]!.snippet).toBe("#action mattdm to file the «blocker» bug");
      // Every word must occur, in any order.
      expect(store.search("red beta compose").map((h) => h.line)).toEqual([3]);
      expect(store.search("red xylophone")).toEqual([]);
      expect(store.search("blocker", 1)).toHaveLength(1);
    });
  });

  it.each([
    '"',
    '""',
    '"unterminated',
    "*",
    "compose*",
    "NEAR",
    "NEAR(beta compose, 2)",
    "-beta",
    "beta -compose",
    "text:compose",
    ":",
    "a:b:c",
    "(",
    ")",
    "AND",
    "OR NOT",
    "^beta",
    "{text}: beta",
    "'; DROP TABLE meeting_logs; --",
    "\\",
    "  ",
    "",
    "é",
    "🙂",
  ])("never fails on hostile input %j", (query) => {
    withStore(":memory:", (store) => {
      store.importMeeting(meeting(), SOURCE, ownersOf);
      expect(Array.isArray(store.search(query))).toBe(true);
      expect(store.stats().lines).toBe(7);
    });
  });

  it("keeps answering after a query the log index refused and retried", () => {
    withStore(":memory:", (store) => {
      store.importMeeting(meeting(), SOURCE, ownersOf);
      for (let i = 0; i < 3; i++) {
        expect(store.search("q\u1cf2q")).toEqual([]);
        expect(store.search("compose").map((h) => h.line)).toEqual([3]);
      }
    });
  });

  it("finds lines across meetings, newest first, up to the limit", () => {
    withStore(":memory:", (store) => {
      for (const name of ["a", "b", "c"]) store.importMeeting(meeting({ name }), SOURCE, ownersOf);
      expect(store.search("compose").map((h) => h.meetingName)).toEqual(["c", "b", "a"]);
      expect(store.search("compose", 2).map((h) => h.meetingName)).toEqual(["c", "b"]);
      // Words that only occur in the same meeting, not on one line, find nothing.
      expect(store.search("compose freeze")).toEqual([]);
      // Nicks, dates and line numbers are stored beside the text but are no line's words.
      // (mattdm said line 3, which does not hold "mattdm".)
      expect(store.search("mattdm").map((h) => [h.kind, h.line])).toEqual([
        ...Array<unknown>(3).fill(["item", 5]),
        ...Array<unknown>(3).fill(["line", 5]),
      ]);
      expect(store.search("bcotton")).toEqual([]);
      expect(store.search("14")).toEqual([]);
    });
  });

  it("indexes only the texts: a word found only as a nick or a time makes no meeting a candidate", () => {
    const path = join(dir, "meta.db");
    withStore(path, (store) => {
      for (const name of ["a", "b", "c"]) store.importMeeting(meeting({ name }), SOURCE, ownersOf);
      for (const word of ["adamw", "nirik", "14", "05"]) expect(store.search(word)).toEqual([]);
      // The text of nirik's line finds it, with the meta of its own line.
      expect(store.search("waves").map((h) => [h.kind, h.line, h.nick, h.date, h.time])).toEqual(
        Array<unknown>(3).fill(["line", 4, "nirik", "2020-06-10", "14:10:04"]),
      );
    });
    // What search() scans: the meetings the log index returns for the query.
    const raw = new DatabaseSync(path);
    const candidates = raw.prepare(
      "SELECT count(*) AS n FROM meeting_logs_fts WHERE meeting_logs_fts MATCH ?",
    );
    const count = (word: string) => candidates.get(`"${word}"`)?.n;
    expect(["adamw", "nirik", "14", "05", "2020", "waves"].map(count)).toEqual([0, 0, 0, 0, 3, 3]);
    raw.close();
  });

  it("treats operators and punctuation as plain words", () => {
    withStore(":memory:", (store) => {
      store.importMeeting(meeting(), SOURCE, ownersOf);
      expect(store.search("NEAR").map((h) => h.line)).toEqual([7]);
      expect(store.search('"quoted"').map((h) => h.line)).toEqual([7]);
      expect(store.search("foo-bar").map((h) => h.line)).toEqual([7]);
      expect(store.search("freeze:").map((h) => h.line)).toEqual([7]);
      expect(store.search("-beta").map((h) => [h.kind, h.line])).toEqual([
        ["item", 6],
        ["line", 6],
        ["line", 3],
      ]);
      expect(store.search("*")).toEqual([]);
    });
  });
});
