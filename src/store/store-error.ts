/** Why the store could not do what was asked; lets the CLI choose an exit code or a hint. */
export type StoreErrorReason =
  | "not-a-database"
  | "cannot-open"
  | "read-only"
  | "locked"
  | "schema-too-new"
  | "not-found"
  | "invalid"
  | "other";

/** An operator-facing store failure. The message always names the database file and the cause. */
export class StoreError extends Error {
  override readonly name = "StoreError";
  readonly path: string;
  readonly reason: StoreErrorReason;

  constructor(path: string, reason: StoreErrorReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.path = path;
    this.reason = reason;
  }
}

// Primary result codes (https://sqlite.org/rescode.html); node:sqlite reports extended codes, so
// only the low byte is compared.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

function sqliteCode(error: unknown): number | undefined {
  if (typeof error !== "object" || error == null || !("errcode" in error)) return undefined;
  return typeof error.errcode === "number" ? error.errcode & 0xff : undefined;
}

/** An error raised by SQLite (through node:sqlite), as opposed to one from caller code. */
export function isSqliteError(error: unknown): boolean {
  return sqliteCode(error) !== undefined;
}

/**
 * Wraps a node:sqlite error (or anything thrown while using the database) in a StoreError whose
 * message says which file and what to do. StoreErrors pass through unchanged.
 */
export function toStoreError(path: string, doing: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const options = { cause: error };
  switch (sqliteCode(error)) {
    case SQLITE_NOTADB:
      return new StoreError(
        path,
        "not-a-database",
        `${path} is not a SQLite database (${detail}); was it given the wrong file?`,
        options,
      );
    case SQLITE_CANTOPEN:
      return new StoreError(
        path,
        "cannot-open",
        `cannot open or create database ${path} while ${doing}: ${detail}; is the location read-only, or not writable by this user?`,
        options,
      );
    case SQLITE_READONLY:
      return new StoreError(
        path,
        "read-only",
        `database ${path} is read-only (${detail}) while ${doing}; check the permissions of the file, its directory and its -wal/-shm files`,
        options,
      );
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return new StoreError(
        path,
        "locked",
        `database ${path} is locked by another connection (${detail}) while ${doing}; is another sigmeet running?`,
        options,
      );
    default:
      return new StoreError(path, "other", `database ${path}: ${detail} (while ${doing})`, options);
  }
}
