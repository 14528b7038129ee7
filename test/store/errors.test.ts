import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Meeting } from "../../src/core/meeting.ts";
import { openStore } from "../../src/store/open-store.ts";
import { StoreError, type StoreErrorReason } from "../../src/store/store-error.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sigmeet-errors-"));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

function failure(open: () => unknown): StoreError {
  try {
    open();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error("expected a StoreError");
}

function expectFailure(
  error: StoreError,
  path: string,
  reason: StoreErrorReason,
  cause: RegExp,
): void {
  expect(error.reason).toBe(reason);
  expect(error.path).toBe(path);
  expect(error.message).toContain(path);
  expect(error.message).toMatch(cause);
}

const tiny: Meeting = {
  era: "matrix",
  channel: "#meeting:fedoraproject.org",
  title: "Tiny",
  name: "tiny",
  previousNames: [],
  owner: "@bcotton:fedora.im",
  chairs: [],
  start: { line: 1, date: "2024-05-01", time: "12:00:00" },
  end: null,
  items: [],
  attendees: [],
  lines: [
    {
      n: 1,
      date: "2024-05-01",
      time: "12:00:00",
      nick: "@bcotton:fedora.im",
      action: false,
      text: "!startmeeting Tiny",
    },
  ],
};
const source = { path: "/logs/tiny.log.txt", sha256: "c".repeat(64) };

describe("openStore errors", () => {
  it("names a file that is not a SQLite database", () => {
    const path = join(dir, "minutes.txt");
    writeFileSync(
      path,
      "12:00:00 <bcotton> #startmeeting this is a meeting log, not a database\n".repeat(20),
    );
    expectFailure(
      failure(() => openStore(path)),
      path,
      "not-a-database",
      /is not a SQLite database/,
    );
  });

  it("names a directory that does not exist", () => {
    const path = join(dir, "missing", "sigmeet.db");
    expectFailure(
      failure(() => openStore(path)),
      path,
      "cannot-open",
      /directory .*missing does not exist/,
    );
  });

  it.runIf(process.platform === "linux")("names a read-only location", () => {
    // procfs accepts no new files, whoever we run as.
    const path = `/proc/sigmeet-test-${process.pid}.db`;
    expectFailure(
      failure(() => openStore(path)),
      path,
      "cannot-open",
      /read-only, or not writable/,
    );
  });

  it("names a read-only database file", () => {
    const path = join(dir, "ro.db");
    openStore(path).close();
    chmodSync(path, 0o444);
    chmodSync(dir, 0o555);
    if (process.getuid?.() !== 0) {
      const store = openStore(path);
      try {
        const error = failure(() => store.importMeeting(tiny, source, () => []));
        expectFailure(error, path, "read-only", /read-only/);
      } finally {
        store.close();
      }
      return;
    }
    // root ignores file modes: repeat the attempt as an unprivileged user.
    const storeModule = fileURLToPath(new URL("../../src/store/open-store.ts", import.meta.url));
    const script = join(tmpdir(), `sigmeet-ro-${process.pid}.mjs`);
    writeFileSync(
      script,
      `import { openStore } from ${JSON.stringify(storeModule)};
       try { const s = openStore(${JSON.stringify(path)}); s.importMeeting(${JSON.stringify(tiny)}, ${JSON.stringify(source)}, () => []); console.log("no error"); }
       catch (e) { console.log(JSON.stringify({ reason: e.reason, path: e.path, message: e.message })); }`,
    );
    try {
      const out = execFileSync(
        "setpriv",
        ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, script],
        { encoding: "utf8" },
      );
      const error = JSON.parse(out) as { reason: StoreErrorReason; path: string; message: string };
      expect(error.reason).toBe("read-only");
      expect(error.path).toBe(path);
      expect(error.message).toContain(path);
      expect(error.message).toMatch(/is read-only/);
    } finally {
      rmSync(script, { force: true });
    }
  });

  it("names a database locked by another connection when writing", () => {
    const path = join(dir, "locked.db");
    openStore(path).close();
    const other = new DatabaseSync(path);
    other.exec("BEGIN IMMEDIATE"); // takes the write lock
    const store = openStore(path, { busyTimeoutMs: 50 });
    try {
      const error = failure(() => store.importMeeting(tiny, source, () => []));
      expectFailure(error, path, "locked", /locked by another connection/);
      other.exec("ROLLBACK");
      expect(store.importMeeting(tiny, source, () => []).status).toBe("inserted");
    } finally {
      store.close();
      other.close();
    }
  });

  it("names a database locked by another connection when opening", () => {
    const path = join(dir, "exclusive.db");
    const other = new DatabaseSync(path);
    other.exec("PRAGMA locking_mode = EXCLUSIVE; CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE");
    try {
      const error = failure(() => openStore(path, { busyTimeoutMs: 50 }));
      expectFailure(error, path, "locked", /database is locked/);
    } finally {
      other.close();
    }
  });
});
