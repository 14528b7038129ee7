import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createImporter } from "./import-meeting.ts";
import { EXPECTED_TABLES, listTables, migrate } from "./migrations.ts";
import { createQueries } from "./queries.ts";
import { createBotState } from "./bot-state.ts";
import { createSyncState } from "./sync-state.ts";
import { isSqliteError, StoreError, toStoreError } from "./store-error.ts";
import { batchWrites, inWriteTransaction } from "./transaction.ts";
import type { Store, StoreOptions } from "./types.ts";

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const BULK_BATCH = 200;

function configure(db: DatabaseSync, busyTimeoutMs: number): void {
  // busy_timeout first, so that even switching to WAL waits for a lock instead of failing.
  db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
  // The first statement that reads the file: a non-SQLite file fails here with SQLITE_NOTADB.
  db.exec("PRAGMA journal_mode = WAL");
  // In WAL mode NORMAL is still safe against corruption; it only may lose the last commits on
  // power loss, and spares an fsync per imported meeting.
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
  // Savepoint sub-journals (one per meeting in a bulk import) and temporary b-trees in memory, not
  // in temporary files: measured ~10% off a bulk import.
  db.exec("PRAGMA temp_store = MEMORY");
}

function checkSchema(db: DatabaseSync, path: string): void {
  const tables = new Set(listTables(db));
  const missing = EXPECTED_TABLES.filter((name) => !tables.has(name));
  if (missing.length > 0) {
    throw new StoreError(
      path,
      "invalid",
      `${path}: schema is inconsistent, missing table(s) ${missing.join(", ")}`,
    );
  }
}

/**
 * Opens (creating if needed) the SQLite store at `path` (`":memory:"` for a throwaway one): WAL,
 * foreign keys, busy timeout, then migrations to the head schema. Every failure is a StoreError
 * naming the file and the cause.
 */
export function openStore(path: string, options: StoreOptions = {}): Store {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const db = (() => {
    try {
      return new DatabaseSync(path, { timeout: busyTimeoutMs });
    } catch (error) {
      const dir = dirname(path);
      if (path !== ":memory:" && !existsSync(dir)) {
        throw new StoreError(
          path,
          "cannot-open",
          `cannot create database ${path}: directory ${dir} does not exist`,
          { cause: error },
        );
      }
      throw toStoreError(path, "opening it", error);
    }
  })();
  const store = (() => {
    try {
      configure(db, busyTimeoutMs);
      migrate(db, path);
      checkSchema(db, path);
      return buildStore(db, path, now);
    } catch (error) {
      db.close();
      throw toStoreError(path, "opening and migrating it", error);
    }
  })();
  return store;
}

/** Wraps every method of `object` with `guard` (SQLite failures become StoreErrors naming the file). */
function guardAll<T extends object>(
  object: T,
  guard: <A extends unknown[], R>(doing: string, fn: (...args: A) => R) => (...args: A) => R,
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    wrapped[name] =
      typeof value === "function"
        ? guard(`sync state: ${name}`, value as (...args: unknown[]) => unknown)
        : value;
  }
  return wrapped as T;
}

/** Set while the full-text indexes miss meetings that a bulk import wrote; see bulkImport. */
const STALE_INDEXES = "fts_stale";

function buildStore(db: DatabaseSync, path: string, now: () => Date): Store {
  let bulkDepth = 0;
  // Meeting writes started in bulk mode, ever: tells whether a bulk import wrote anything.
  let bulkWrites = 0;
  // Maps SQLite failures (locked, read-only, ...) to StoreErrors that name the file; errors thrown
  // by callbacks (ownersOf, a bulkImport body) are left alone.
  function guard<A extends unknown[], R>(doing: string, fn: (...args: A) => R): (...args: A) => R {
    return (...args) => {
      try {
        return fn(...args);
      } catch (error) {
        throw isSqliteError(error) ? toStoreError(path, doing, error) : error;
      }
    };
  }
  const setFlag = db.prepare("INSERT OR REPLACE INTO flags (name, value) VALUES (?, ?)");
  const clearFlag = db.prepare("DELETE FROM flags WHERE name = ?");
  const getFlag = db.prepare("SELECT value FROM flags WHERE name = ?");
  const sourceSeen = db.prepare("SELECT 1 FROM meetings WHERE source_sha256 = ? LIMIT 1");

  function rebuildIndexes(): void {
    inWriteTransaction(db, () => {
      db.exec(`INSERT INTO items_fts (items_fts) VALUES ('rebuild');
        INSERT INTO meeting_logs_fts (meeting_logs_fts) VALUES ('rebuild');`);
      clearFlag.run(STALE_INDEXES);
    });
  }

  // A bulk import commits every BULK_BATCH meetings instead of after each one: the per-commit
  // cost (WAL frames for the b-tree pages every meeting touches again) dominated imports. Every
  // batch marks the indexes stale in its own transaction, so whatever a crash leaves committed
  // carries the mark (even if another connection rebuilt the indexes and cleared it meanwhile).
  const batch = batchWrites(db, BULK_BATCH, () => setFlag.run(STALE_INDEXES, now().toISOString()));

  const importMeeting = createImporter(db, path, now, {
    deferIndexes: () => bulkDepth > 0,
    transact: (body) => {
      if (bulkDepth === 0) return inWriteTransaction(db, body);
      bulkWrites++;
      return batch.unit(body);
    },
  });
  const queries = createQueries(db, path);

  function bulkImport<T>(body: () => T): T {
    if (bulkDepth > 0) return body();
    bulkDepth++;
    const writesBefore = bulkWrites;
    try {
      return body(); // errors of the caller's own code pass through as they are
    } finally {
      bulkDepth--;
      // Meetings imported before an error are complete units: keep them.
      guard("committing a bulk import", () => {
        batch.flush();
      })();
      // Nothing written (every log already imported): the indexes are as they were.
      if (bulkWrites !== writesBefore) guard("rebuilding the full-text indexes", rebuildIndexes)();
    }
  }

  const importOne = guard("importing a meeting", importMeeting);

  // A bulk import that never finished (crash, kill) left meetings out of the indexes.
  if (getFlag.get(STALE_INDEXES) !== undefined) rebuildIndexes();

  return {
    path,
    importMeeting: importOne,
    bulkImport,
    hasSource: guard(
      "looking up a source",
      (sha256: string) => sourceSeen.get(sha256) !== undefined,
    ),
    listItems: guard("listing items", queries.listItems),
    search: guard("searching", queries.search),
    setItemStatus: guard("setting an item status", queries.setItemStatus),
    stats: guard("counting rows", queries.stats),
    sync: guardAll(createSyncState(db, now), guard),
    bot: (() => {
      const bot = createBotState(db, now);
      return {
        seen: guardAll(bot.seen, guard),
        values: guardAll(bot.values, guard),
        live: guardAll(bot.live, guard),
        replies: guardAll(bot.replies, guard),
      };
    })(),
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
