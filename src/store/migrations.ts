import type { DatabaseSync } from "node:sqlite";
import { StoreError } from "./store-error.ts";

/**
 * Schema steps, applied in order; step i (0-based) takes `PRAGMA user_version` from i to i + 1.
 * Append-only: never edit or reorder a step that has shipped, add a new one instead. (None has
 * shipped yet; steps 1 and 2 were last rewritten in place when a meeting's log lines moved from a
 * row each to one meeting_logs row, then when that row's records were split into meta and text.)
 */
export const MIGRATIONS: readonly string[] = [
  // 1: base tables.
  `
  CREATE TABLE meetings (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,     -- see meetingKey(): era, channel, start, name
    era            TEXT NOT NULL CHECK (era IN ('irc', 'matrix')),
    channel        TEXT NOT NULL,
    name           TEXT NOT NULL,
    previous_names TEXT NOT NULL CHECK (json_valid(previous_names)),
    title          TEXT NOT NULL,
    owner          TEXT NOT NULL,
    started_at     TEXT NOT NULL,            -- ISO 8601 UTC, e.g. 2020-06-10T14:10:00Z
    start_line     INTEGER NOT NULL,
    ended_at       TEXT,                     -- null while the log has no #endmeeting
    end_line       INTEGER,
    chairs         TEXT NOT NULL CHECK (json_valid(chairs)),
    source_path    TEXT NOT NULL,
    source_sha256  TEXT NOT NULL,
    imported_at    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX meetings_name ON meetings (name, started_at);
  CREATE INDEX meetings_started_at ON meetings (started_at);

  -- A meeting's log lines, all in one row (see log-rows.ts for the record format): a row per line
  -- made the import pay a b-tree insert, and an index entry, for each of millions of lines. The
  -- lines' texts are a column of their own so that the full-text index holds nothing else.
  CREATE TABLE meeting_logs (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    line_count INTEGER NOT NULL,
    meta       TEXT NOT NULL,            -- one record per line: n, date, time, nick, action
    text       TEXT NOT NULL             -- one record per line, as meta: the line's text
  ) STRICT;

  CREATE TABLE items (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,             -- 0-based position in Meeting.items
    kind       TEXT NOT NULL CHECK (kind IN ('topic', 'info', 'idea', 'help', 'link', 'action',
                                             'agreed', 'accepted', 'rejected')),
    text       TEXT NOT NULL,
    nick       TEXT NOT NULL,
    line       INTEGER NOT NULL,
    date       TEXT NOT NULL,
    time       TEXT NOT NULL,
    topic      TEXT,
    status     TEXT CHECK (status IN ('open', 'done')),  -- actions only
    owners     TEXT NOT NULL CHECK (json_valid(owners)),
    CHECK ((kind = 'action') = (status IS NOT NULL)),
    UNIQUE (meeting_id, seq)
  ) STRICT;
  CREATE INDEX items_kind_status ON items (kind, status);

  CREATE TABLE attendees (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,             -- order first seen
    nick       TEXT NOT NULL,
    lines      INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, seq)
  ) STRICT, WITHOUT ROWID;
  `,
  // 2: full-text indexes. External content: the text lives only in items/meeting_logs. The log
  // index has one document per meeting (the texts of its lines, not their numbers, times or
  // nicks); it only finds candidate meetings, and search() picks the matching lines out of their
  // logs. It is detail=none + columnsize=0 (no positions, no sizes): it is the biggest index and
  // search only ANDs words, never asks for phrases (see fts-query.ts).
  `
  CREATE VIRTUAL TABLE items_fts USING fts5 (text, content = 'items', content_rowid = 'id');
  CREATE VIRTUAL TABLE meeting_logs_fts USING fts5 (
    text, content = 'meeting_logs', content_rowid = 'meeting_id', detail = none, columnsize = 0
  );
  INSERT INTO items_fts (items_fts) VALUES ('rebuild');
  INSERT INTO meeting_logs_fts (meeting_logs_fts) VALUES ('rebuild');
  `,
  // 3: store flags (bulk import marks the log index stale until it is rebuilt) and a lookup of
  // already imported sources, so an importer can skip parsing a log it has seen.
  `
  CREATE TABLE flags (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX meetings_source_sha256 ON meetings (source_sha256);
  `,
  // 4: tracker sync (src/sync). sync_links maps an item's sync id (see itemSyncId) to what stands
  // for it on a tracker; it outlives the items rows (a re-import rewrites them, an undo removes
  // one), which is how a withdrawn item is noticed. sync_ops is the outbox: an op is written
  // in_flight before its API call and done after it, so a crash between the two is seen on the
  // next run and reconciled by marker instead of written again.
  `
  CREATE TABLE sync_links (
    sync_id       TEXT PRIMARY KEY,
    tracker       TEXT NOT NULL,            -- Tracker.key
    meeting_key   TEXT NOT NULL,            -- meetings.key of the item's meeting
    kind          TEXT NOT NULL CHECK (kind IN ('issue', 'comment')),
    item_kind     TEXT NOT NULL CHECK (item_kind IN ('action', 'decision')),
    number        INTEGER NOT NULL,         -- the issue (for a comment: the issue commented on)
    url           TEXT NOT NULL,
    pushed_hash   TEXT NOT NULL,            -- hash of the title and body last written
    text_hash     TEXT NOT NULL,            -- hash of the item's kind and text: finds an item whose line moved
    assignees     TEXT NOT NULL CHECK (json_valid(assignees)),  -- logins asked for so far
    remote_state  TEXT NOT NULL CHECK (remote_state IN ('open', 'closed')),
    synced_status TEXT CHECK (synced_status IN ('open', 'done')),  -- item status both sides agreed on
    withdrawn     INTEGER NOT NULL DEFAULT 0,  -- the item left the minutes (undo) and this was closed
    note          TEXT,                     -- e.g. assignees the tracker refused, and why
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sync_links_tracker ON sync_links (tracker, number);

  CREATE TABLE sync_ops (
    id          INTEGER PRIMARY KEY,
    sync_id     TEXT NOT NULL,
    tracker     TEXT NOT NULL,
    op          TEXT NOT NULL,              -- create, update, close, reopen, comment, assign, labels
    state       TEXT NOT NULL CHECK (state IN ('in_flight', 'done', 'unknown', 'failed')),
    detail      TEXT NOT NULL,              -- what was asked, for messages and reconciling
    error       TEXT,
    started_at  TEXT NOT NULL,
    finished_at TEXT
  ) STRICT;
  CREATE INDEX sync_ops_pending ON sync_ops (tracker, state) WHERE state IN ('in_flight', 'unknown');
  CREATE INDEX sync_ops_item ON sync_ops (sync_id, id);

  -- Write times per tracker for the write budget (GitHub's secondary limits are per hour, so the
  -- budget must hold across runs).
  CREATE TABLE sync_writes (
    tracker TEXT NOT NULL,
    at_ms   INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sync_writes_at ON sync_writes (tracker, at_ms);

  -- Where the last poll of each tracker got to (ISO time of the newest update seen).
  CREATE TABLE sync_cursors (
    tracker TEXT PRIMARY KEY,
    since   TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;

  -- Conditional-request validators (HttpCache).
  CREATE TABLE http_cache (
    key   TEXT PRIMARY KEY,
    etag  TEXT NOT NULL,
    value TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;

  -- Webhook deliveries already applied (GitHub redelivers with the same ID).
  CREATE TABLE webhook_deliveries (
    id          TEXT PRIMARY KEY,
    received_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  // 5: the Matrix bot's sync state: events already handled (a replayed or gap-filled batch must
  // not run a command twice) and small values such as the sync token and filter id, which must
  // outlive a restart together.
  `
  CREATE TABLE bot_seen_events (
    event_id TEXT PRIMARY KEY,
    room_id  TEXT NOT NULL,
    seen_at  TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE bot_values (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  // 6: the live meetings the bot is running: every room event of a meeting (messages, edits,
  // redactions) stored before it is acknowledged, so a restart rebuilds the meeting exactly; and
  // the bot's replies with their transaction ids, so a reply interrupted by a crash is resent
  // with the same id (the homeserver then drops the copy) and a finished one is never sent again.
  `
  CREATE TABLE bot_live_events (
    seq         INTEGER PRIMARY KEY,
    room_id     TEXT NOT NULL,
    event_id    TEXT NOT NULL UNIQUE,
    op          TEXT NOT NULL CHECK (op IN ('add', 'edit', 'redact')),
    sender      TEXT NOT NULL,
    ts          INTEGER NOT NULL,
    msgtype     TEXT NOT NULL,
    body        TEXT NOT NULL,
    target      TEXT,
    in_reply_to TEXT
  ) STRICT;
  CREATE INDEX bot_live_events_room ON bot_live_events (room_id, seq);
  CREATE TABLE bot_replies (
    key      TEXT PRIMARY KEY,
    room_id  TEXT NOT NULL,
    txn_id   TEXT NOT NULL,
    event_id TEXT
  ) STRICT, WITHOUT ROWID;
  `,
];

/** Tables (and virtual tables) the head schema must have; checked after migrating. */
export const EXPECTED_TABLES: readonly string[] = [
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
];

function userVersion(db: DatabaseSync): number {
  const row = db.prepare("PRAGMA user_version").get();
  return typeof row?.user_version === "number" ? row.user_version : 0;
}

function tooNew(path: string, found: number, head: number): StoreError {
  return new StoreError(
    path,
    "schema-too-new",
    `${path}: database schema version ${found} is newer than this sigmeet (${head}); upgrade sigmeet`,
  );
}

/**
 * Brings the database to the head of `migrations`, one transaction per step. The version is read
 * again inside each write transaction, so two processes opening the same file at once cannot apply
 * a step twice.
 */
export function migrate(db: DatabaseSync, path: string, migrations = MIGRATIONS): void {
  const head = migrations.length;
  const current = userVersion(db);
  if (current > head) throw tooNew(path, current, head);
  if (current === head) return;
  for (;;) {
    db.exec("BEGIN IMMEDIATE");
    try {
      const version = userVersion(db);
      if (version > head) throw tooNew(path, version, head);
      const step = migrations[version];
      if (step === undefined) {
        db.exec("COMMIT");
        return;
      }
      db.exec(step);
      // PRAGMA takes no bound parameters; version is an integer we computed.
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec("COMMIT");
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }
}

/** Names of the tables and virtual tables in the main schema, sorted; shadow tables excluded. */
export function listTables(db: DatabaseSync): string[] {
  return db
    .prepare(
      `SELECT name FROM sqlite_schema
       WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT GLOB '*_fts_*'
       ORDER BY name`,
    )
    .all()
    .map((row) => String(row.name));
}
