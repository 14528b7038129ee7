import type { DatabaseSync } from "node:sqlite";

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
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

/**
 * Groups many small write units into few commits: `unit()` runs each one, and a commit happens
 * every `every` units. Each unit stays atomic (a savepoint); what a crash loses is at most the
 * units since the last commit, which the next import simply does again.
 */
export interface Batcher {
  unit<T>(body: () => T): T;
  /** Commits what is pending. */
  flush(): void;
}

export function batchWrites(db: DatabaseSync, every: number): Batcher {
  let pending = 0;
  return {
    unit(body) {
      if (!db.isTransaction) db.exec("BEGIN IMMEDIATE");
      const result = inWriteTransaction(db, body);
      if (++pending >= every) this.flush();
      return result;
    },
    flush() {
      if (db.isTransaction) db.exec("COMMIT");
      pending = 0;
    },
  };
}
