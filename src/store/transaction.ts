import type { DatabaseSync } from "node:sqlite";

/**
 * Runs `body` in a write transaction (BEGIN IMMEDIATE: take the write lock up front, so a WAL
 * reader never fails to upgrade half-way). Rolls back on any error and rethrows it.
 */
export function inWriteTransaction<T>(db: DatabaseSync, body: () => T): T {
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
