import type { DatabaseSync } from "node:sqlite";

/**
 * Whether a transaction is open now. A function, so TypeScript does not narrow `db.isTransaction`
 * across the statements that may change it (SQLite rolls back by itself on some errors).
 */
function inTransaction(db: DatabaseSync): boolean {
  return db.isTransaction;
}

/**
 * Runs `body` atomically. Outside a transaction: BEGIN IMMEDIATE (take the write lock up front, so
 * a WAL reader never fails to upgrade half-way) … COMMIT. Inside one (a bulk import's batch): a
 * SAVEPOINT, so the body is still all-or-nothing without committing. Rolls back on any error and
 * rethrows it.
 */
export function inWriteTransaction<T>(db: DatabaseSync, body: () => T): T {
  if (db.isTransaction) {
    db.exec("SAVEPOINT sigmeet_unit");
    try {
      const result = body();
      db.exec("RELEASE sigmeet_unit");
      return result;
    } catch (error) {
      db.exec("ROLLBACK TO sigmeet_unit");
      db.exec("RELEASE sigmeet_unit");
      throw error;
    }
  }
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = body();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (inTransaction(db)) db.exec("ROLLBACK");
    throw error;
  }
}

/**
 * Groups many small write units into few commits: `unit()` runs each one, and a commit happens
 * every `every` units. Each unit stays atomic (a savepoint); what a crash loses is at most the
 * units since the last commit, which the next import simply does again.
 *
 * Savepoints are cheap enough once nothing in a unit touches an FTS5 index (opening a savepoint
 * makes FTS5 flush its pending terms, which is why bulkImport defers both indexes) and the
 * sub-journal stays in memory (temp_store = MEMORY, see open-store.ts). Rolling back the whole
 * batch and redoing its units instead was measured slower: the batch must then keep every unit's
 * rows until it commits, which more than doubled the peak RSS and the garbage collector's work.
 */
export interface Batcher {
  unit<T>(body: () => T): T;
  /** Commits what is pending. */
  flush(): void;
}

/** `begin` runs first in every batch transaction (bulkImport marks its indexes stale there). */
export function batchWrites(db: DatabaseSync, every: number, begin: () => void): Batcher {
  let pending = 0;
  return {
    unit(body) {
      if (!db.isTransaction) {
        db.exec("BEGIN IMMEDIATE");
        try {
          begin();
        } catch (error) {
          db.exec("ROLLBACK");
          throw error;
        }
      }
      const result = inWriteTransaction(db, body);
      if (++pending >= every) this.flush();
      return result;
    },
    flush() {
      pending = 0;
      try {
        if (db.isTransaction) db.exec("COMMIT");
      } catch (error) {
        if (inTransaction(db)) db.exec("ROLLBACK");
        throw error;
      }
    },
  };
}
