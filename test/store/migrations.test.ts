import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXPECTED_TABLES, listTables, migrate, MIGRATIONS } from "../../src/store/migrations.ts";
import { openStore } from "../../src/store/open-store.ts";
import { StoreError } from "../../src/store/store-error.ts";

const HEAD = MIGRATIONS.length;

function version(db: DatabaseSync): unknown {
  return db.prepare("PRAGMA user_version").get()?.user_version;
}

function columns(db: DatabaseSync, table: string): string[] {
  return db
    .prepare("SELECT name FROM pragma_table_xinfo(?) ORDER BY cid")
    .all(table)
    .map((row) => String(row.name));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sigmeet-migrations-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("migrations", () => {
  it("takes an empty database to head with the expected tables and columns", () => {
    const db = new DatabaseSync(":memory:");
    migrate(db, ":memory:");
    expect(version(db)).toBe(HEAD);
    expect(HEAD).toBe(6);
    expect(listTables(db)).toEqual([
      "attendees",
      "bot_live_events",
      "bot_replies",
      "bot_seen_events",
      "bot_values",
      "flags",
      "http_cache",
      "items",
      "items_fts",
      "meeting_logs",
      "meeting_logs_fts",
      "meetings",
      "sync_cursors",
      "sync_links",
      "sync_ops",
      "sync_writes",
      "webhook_deliveries",
    ]);
    expect(EXPECTED_TABLES).toEqual(listTables(db));
    expect(columns(db, "meetings")).toEqual([
      "id",
      "key",
      "era",
      "channel",
      "name",
      "previous_names",
      "title",
      "owner",
      "started_at",
      "start_line",
      "ended_at",
      "end_line",
      "chairs",
      "source_path",
      "source_sha256",
      "imported_at",
    ]);
    expect(columns(db, "meeting_logs")).toEqual(["meeting_id", "line_count", "meta", "text"]);
    expect(columns(db, "items")).toEqual([
      "id",
      "meeting_id",
      "seq",
      "kind",
      "text",
      "nick",
      "line",
      "date",
      "time",
      "topic",
      "status",
      "owners",
    ]);
    expect(columns(db, "attendees")).toEqual(["meeting_id", "seq", "nick", "lines"]);
    const strict = db
      .prepare(
        "SELECT name FROM pragma_table_list WHERE strict = 1 AND schema = 'main' ORDER BY name",
      )
      .all()
      .map((row) => String(row.name));
    expect(strict).toEqual([
      "attendees",
      "bot_live_events",
      "bot_replies",
      "bot_seen_events",
      "bot_values",
      "flags",
      "http_cache",
      "items",
      "meeting_logs",
      "meetings",
      "sync_cursors",
      "sync_links",
      "sync_ops",
      "sync_writes",
      "webhook_deliveries",
    ]);
    db.close();
  });

  it("is a no-op at head", () => {
    const db = new DatabaseSync(":memory:");
    migrate(db, ":memory:");
    const before = db.prepare("SELECT sql FROM sqlite_schema ORDER BY name").all();
    migrate(db, ":memory:");
    expect(db.prepare("SELECT sql FROM sqlite_schema ORDER BY name").all()).toEqual(before);
    db.close();
  });

  it.each(Array.from({ length: HEAD }, (_, n) => n))(
    "upgrades a database at version %i to head",
    (n) => {
      const path = join(dir, `v${n}.db`);
      const raw = new DatabaseSync(path);
      migrate(raw, path, MIGRATIONS.slice(0, n));
      expect(version(raw)).toBe(n);
      if (n >= 1) {
        // Data written by version-1 code must survive and be indexed by the FTS step.
        raw.exec(`
        INSERT INTO meetings VALUES (1, 'k', 'irc', '#fedora-meeting', 'fesco', '[]', 'FESCo', 'bcotton',
          '2020-06-10T14:10:00Z', 1, NULL, NULL, '["bcotton"]', '/logs/a.log.txt', 'abc', '2020-06-10T15:00:00Z');
        INSERT INTO meeting_logs (meeting_id, line_count, meta, text)
          VALUES (1, 2, '1	2020-06-10	14:10:00	bcotton	0' || char(10) || '2	2020-06-10	14:10:05	nirik	1',
                        'zanzibar compose status' || char(10) || 'nods');
        INSERT INTO items (meeting_id, seq, kind, text, nick, line, date, time, topic, status, owners)
          VALUES (1, 0, 'action', 'mattdm to write quokka docs', 'bcotton', 1, '2020-06-10', '14:10:00', NULL, 'done', '[]');`);
      }
      if (n >= 2) {
        // Code at version 2 and later keeps the full-text indexes in step with the tables.
        raw.exec(`INSERT INTO meeting_logs_fts (meeting_logs_fts) VALUES ('rebuild');
          INSERT INTO items_fts (items_fts) VALUES ('rebuild');`);
      }
      raw.close();

      const store = openStore(path);
      const stats = store.stats();
      expect(stats.schemaVersion).toBe(HEAD);
      if (n >= 1) {
        expect(stats).toMatchObject({ meetings: 1, lines: 2 });
        expect(store.search("zanzibar").map((hit) => [hit.kind, hit.line, hit.nick])).toEqual([
          ["line", 1, "bcotton"],
        ]);
        expect(store.search("nods").map((hit) => [hit.line, hit.nick, hit.time])).toEqual([
          [2, "nirik", "14:10:05"],
        ]);
        // Only the texts are indexed: a nick or a time finds nothing.
        expect(store.search("nirik")).toEqual([]);
        expect(store.search("quokka").map((hit) => hit.kind)).toEqual(["item"]);
        expect(store.listItems({ open: false }).map((item) => item.text)).toEqual([
          "mattdm to write quokka docs",
        ]);
      }
      store.close();
    },
  );

  it("refuses a database newer than the code, naming both versions", () => {
    const path = join(dir, "future.db");
    const raw = new DatabaseSync(path);
    raw.exec("PRAGMA user_version = 7");
    raw.close();
    expect(() => openStore(path)).toThrow(
      `${path}: database schema version 7 is newer than this sigmeet (${HEAD}); upgrade sigmeet`,
    );
    try {
      openStore(path);
    } catch (error) {
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).reason).toBe("schema-too-new");
    }
    // And the database was left alone.
    const after = new DatabaseSync(path);
    expect(version(after)).toBe(7);
    expect(listTables(after)).toEqual([]);
    after.close();
  });

  it("applies each step in its own transaction: a failing step leaves the previous version", () => {
    const db = new DatabaseSync(":memory:");
    const steps = [
      "CREATE TABLE a (x INTEGER) STRICT;",
      "CREATE TABLE b (x INTEGER); SELECT no_such_function();",
    ];
    expect(() => {
      migrate(db, ":memory:", steps);
    }).toThrow(/no_such_function/);
    expect(version(db)).toBe(1);
    expect(listTables(db)).toEqual(["a"]);
    expect(db.isTransaction).toBe(false);
    db.close();
  });
});
