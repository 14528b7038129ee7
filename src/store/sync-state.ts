import type { DatabaseSync } from "node:sqlite";
import type { HttpCache } from "../trackers/http-cache.ts";
import { toItemRow } from "./queries.ts";
import { int, text, textOrNull, type Row } from "./row.ts";
import { inWriteTransaction } from "./transaction.ts";
import type { ItemRow } from "./types.ts";

/** What stands for an item on a tracker (a row of sync_links). */
export interface SyncLink {
  readonly syncId: string;
  readonly tracker: string;
  readonly meetingKey: string;
  readonly kind: "issue" | "comment";
  readonly itemKind: "action" | "decision";
  readonly number: number;
  readonly url: string;
  readonly pushedHash: string;
  readonly textHash: string;
  readonly assignees: readonly string[];
  readonly remoteState: "open" | "closed";
  readonly syncedStatus: "open" | "done" | null;
  readonly withdrawn: boolean;
  readonly note: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type SyncOpKind = "create" | "update" | "close" | "reopen" | "comment" | "assign" | "labels";
export type SyncOpState = "in_flight" | "done" | "unknown" | "failed";

/** An outbox row. */
export interface SyncOp {
  readonly id: number;
  readonly syncId: string;
  readonly tracker: string;
  readonly op: SyncOpKind;
  readonly state: SyncOpState;
  readonly detail: string;
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** An action or decision with its meeting's key, as the sync plans from it. */
export interface SyncItemRow extends ItemRow {
  readonly meetingKey: string;
}

/** The sync's tables (migration 4), on the store's connection. */
export interface SyncState {
  /** Runs `body` atomically (nested calls become savepoints). */
  transaction<T>(body: () => T): T;
  /** Actions and decisions of every meeting, oldest meeting first. */
  candidates(): SyncItemRow[];
  /** Every stored meeting, as tracker matching needs it. */
  meetings(): { key: string; channel: string; name: string; startedAt: string }[];
  links(tracker?: string): SyncLink[];
  link(syncId: string): SyncLink | undefined;
  /** Issue links (not comment links) to this issue. */
  linksToIssue(tracker: string, number: number): SyncLink[];
  saveLink(link: Omit<SyncLink, "createdAt" | "updatedAt">): void;
  /**
   * Moves links to other sync ids (their items' lines moved), all at once: chains such as
   * a→b, b→c are fine. A link already at a target that is not moving itself (a withdrawn one) is
   * kept under a `~`-suffixed id, as history.
   */
  moveLinks(moves: readonly (readonly [from: string, to: string])[]): void;
  /** Writes the intent (state in_flight) and commits it before the caller makes the API call. */
  beginOp(op: { syncId: string; tracker: string; op: SyncOpKind; detail: string }): number;
  /** Marks an op done, in one transaction with `alsoWrite` (the link or status it produced). */
  finishOp(id: number, alsoWrite?: () => void): void;
  /** Marks an op unknown (maybe happened) or failed (did not happen), with why. */
  failOp(id: number, state: "unknown" | "failed", error: string): void;
  /** Whether a note comment with this tag was posted for the item (see noteMarker). */
  noteDone(syncId: string, tag: string): boolean;
  /** Ops a previous run left in_flight (crash) or unknown, oldest first. */
  pendingOps(tracker: string): SyncOp[];
  /** The latest op per sync id whose state is failed or unknown, for `sigmeet status`. */
  problems(): Map<string, SyncOp>;
  recordWrite(tracker: string, atMs: number): void;
  /** Times (ms) of this tracker's writes at or after `sinceMs`, oldest first. */
  writesSince(tracker: string, sinceMs: number): number[];
  cursor(tracker: string): string | null;
  setCursor(tracker: string, since: string): void;
  /** The ETag cache (one instance per store). */
  httpCache(): HttpCache;
  /**
   * Keeps the ETag cache's writes in memory until the returned function is called (which writes
   * them in one transaction; `false` drops them). A poll holds them until what it read is applied:
   * a crash in between must not leave an ETag that would answer 304 for changes never applied.
   */
  holdHttpCache(): (commit?: boolean) => void;
  /** Whether a webhook delivery was applied already. */
  hasDelivery(id: string): boolean;
  /** Records an applied delivery: true the first time, false for a repeat. */
  firstDelivery(id: string): boolean;
  /**
   * Takes the database's sync lock for `holder` (e.g. `pid 123 on host`): two runs at once would
   * both plan the same creates. Returns null when taken, else the current holder, unless
   * `isStale(holder)` says it is dead (a killed run), in which case the lock is taken over.
   */
  takeSyncLock(holder: string, isStale: (holder: string) => boolean): string | null;
  releaseSyncLock(holder: string): void;
  /** Sets an action's status by item id (no-op for a missing item). */
  setItemStatus(itemId: number, status: "open" | "done"): void;
}

function json(row: Row, column: string): string[] {
  const parsed: unknown = JSON.parse(text(row, column));
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

function toLink(row: Row): SyncLink {
  const synced = textOrNull(row, "synced_status");
  return {
    syncId: text(row, "sync_id"),
    tracker: text(row, "tracker"),
    meetingKey: text(row, "meeting_key"),
    kind: text(row, "kind") === "comment" ? "comment" : "issue",
    itemKind: text(row, "item_kind") === "decision" ? "decision" : "action",
    number: int(row, "number"),
    url: text(row, "url"),
    pushedHash: text(row, "pushed_hash"),
    textHash: text(row, "text_hash"),
    assignees: json(row, "assignees"),
    remoteState: text(row, "remote_state") === "closed" ? "closed" : "open",
    syncedStatus: synced === "open" || synced === "done" ? synced : null,
    withdrawn: int(row, "withdrawn") !== 0,
    note: textOrNull(row, "note"),
    createdAt: text(row, "created_at"),
    updatedAt: text(row, "updated_at"),
  };
}

function toOp(row: Row): SyncOp {
  return {
    id: int(row, "id"),
    syncId: text(row, "sync_id"),
    tracker: text(row, "tracker"),
    op: text(row, "op") as SyncOpKind,
    state: text(row, "state") as SyncOpState,
    detail: text(row, "detail"),
    error: textOrNull(row, "error"),
    startedAt: text(row, "started_at"),
    finishedAt: textOrNull(row, "finished_at"),
  };
}

/** The flags row that says a sync run is going on. */
const SYNC_LOCK = "sync_lock";

export function createSyncState(db: DatabaseSync, now: () => Date): SyncState {
  const candidates = db.prepare(`
    SELECT i.id, i.meeting_id, m.name AS meeting_name, m.title AS meeting_title, m.era, m.channel,
           m.started_at, m.key AS meeting_key, i.seq, i.kind, i.text, i.nick, i.line, i.date,
           i.time, i.topic, i.status, i.owners
    FROM items i JOIN meetings m ON m.id = i.meeting_id
    WHERE i.kind IN ('action', 'agreed', 'accepted', 'rejected')
    ORDER BY m.started_at, m.id, i.seq`);
  const meetings = db.prepare("SELECT key, channel, name, started_at FROM meetings");
  const allLinks = db.prepare("SELECT * FROM sync_links ORDER BY created_at, sync_id");
  const trackerLinks = db.prepare(
    "SELECT * FROM sync_links WHERE tracker = ? ORDER BY created_at, sync_id",
  );
  const oneLink = db.prepare("SELECT * FROM sync_links WHERE sync_id = ?");
  const issueLinks = db.prepare(
    "SELECT * FROM sync_links WHERE tracker = ? AND number = ? AND kind = 'issue'",
  );
  const upsertLink = db.prepare(`
    INSERT INTO sync_links (sync_id, tracker, meeting_key, kind, item_kind, number, url, pushed_hash, text_hash,
                            assignees, remote_state, synced_status, withdrawn, note, created_at, updated_at)
    VALUES ($syncId, $tracker, $meetingKey, $kind, $itemKind, $number, $url, $pushedHash, $textHash, $assignees,
            $remoteState, $syncedStatus, $withdrawn, $note, $at, $at)
    ON CONFLICT (sync_id) DO UPDATE SET
      tracker = excluded.tracker, meeting_key = excluded.meeting_key, kind = excluded.kind,
      item_kind = excluded.item_kind,
      number = excluded.number, url = excluded.url, pushed_hash = excluded.pushed_hash,
      text_hash = excluded.text_hash,
      assignees = excluded.assignees, remote_state = excluded.remote_state,
      synced_status = excluded.synced_status, withdrawn = excluded.withdrawn, note = excluded.note,
      updated_at = excluded.updated_at`);
  const renameLink = db.prepare(
    "UPDATE sync_links SET sync_id = ?, updated_at = ? WHERE sync_id = ?",
  );
  const insertOp = db.prepare(
    `INSERT INTO sync_ops (sync_id, tracker, op, state, detail, started_at)
     VALUES (?, ?, ?, 'in_flight', ?, ?)`,
  );
  const endOp = db.prepare(
    "UPDATE sync_ops SET state = ?, error = ?, finished_at = ? WHERE id = ?",
  );
  const pendingOps = db.prepare(
    `SELECT * FROM sync_ops WHERE tracker = ? AND state IN ('in_flight', 'unknown') ORDER BY id`,
  );
  // The last op of each item, if it went wrong (a later success clears the problem).
  const problems = db.prepare(`
    SELECT o.* FROM sync_ops o
    JOIN (SELECT sync_id, max(id) AS id FROM sync_ops GROUP BY sync_id) last ON last.id = o.id
    WHERE o.state IN ('failed', 'unknown', 'in_flight')`);
  const noteDone = db.prepare(
    `SELECT 1 FROM sync_ops WHERE sync_id = ? AND op = 'comment' AND state = 'done'
       AND json_extract(detail, '$.tag') = ? LIMIT 1`,
  );
  const insertWrite = db.prepare("INSERT INTO sync_writes (tracker, at_ms) VALUES (?, ?)");
  const writesSince = db.prepare(
    "SELECT at_ms FROM sync_writes WHERE tracker = ? AND at_ms >= ? ORDER BY at_ms",
  );
  // Budget windows are at most an hour; older rows only cost space.
  const pruneWrites = db.prepare("DELETE FROM sync_writes WHERE at_ms < ?");
  const getCursor = db.prepare("SELECT since FROM sync_cursors WHERE tracker = ?");
  const putCursor = db.prepare(
    "INSERT INTO sync_cursors (tracker, since) VALUES (?, ?) ON CONFLICT (tracker) DO UPDATE SET since = excluded.since",
  );
  const getCache = db.prepare("SELECT etag, value FROM http_cache WHERE key = ?");
  const putCache = db.prepare(
    `INSERT INTO http_cache (key, etag, value) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value`,
  );
  const addDelivery = db.prepare(
    "INSERT INTO webhook_deliveries (id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
  );
  const findDelivery = db.prepare("SELECT 1 FROM webhook_deliveries WHERE id = ?");
  const getFlag = db.prepare("SELECT value FROM flags WHERE name = ?");
  const putFlag = db.prepare("INSERT OR REPLACE INTO flags (name, value) VALUES (?, ?)");
  const dropFlag = db.prepare("DELETE FROM flags WHERE name = ? AND value = ?");
  const setStatus = db.prepare("UPDATE items SET status = ? WHERE id = ? AND kind = 'action'");
  const iso = (): string => now().toISOString();
  const transaction = <T>(body: () => T): T => inWriteTransaction(db, body);
  let held: Map<string, { etag: string; value: string }> | null = null;
  const cache: HttpCache = {
    get: (key) => {
      const pending = held?.get(key);
      if (pending !== undefined) return pending;
      const row = getCache.get(key);
      return row === undefined ? undefined : { etag: text(row, "etag"), value: text(row, "value") };
    },
    set: (key, etag, value) => {
      if (held !== null) held.set(key, { etag, value });
      else transaction(() => putCache.run(key, etag, value));
    },
  };

  return {
    transaction,
    candidates: () =>
      candidates.all().map((row) => ({ ...toItemRow(row), meetingKey: text(row, "meeting_key") })),
    meetings: () =>
      meetings.all().map((row) => ({
        key: text(row, "key"),
        channel: text(row, "channel"),
        name: text(row, "name"),
        startedAt: text(row, "started_at"),
      })),
    links: (tracker) =>
      (tracker === undefined ? allLinks.all() : trackerLinks.all(tracker)).map(toLink),
    link: (syncId) => {
      const row = oneLink.get(syncId);
      return row === undefined ? undefined : toLink(row);
    },
    linksToIssue: (tracker, number) => issueLinks.all(tracker, number).map(toLink),
    saveLink: (link) => {
      upsertLink.run({
        syncId: link.syncId,
        tracker: link.tracker,
        meetingKey: link.meetingKey,
        kind: link.kind,
        itemKind: link.itemKind,
        number: link.number,
        url: link.url,
        pushedHash: link.pushedHash,
        textHash: link.textHash,
        assignees: JSON.stringify(link.assignees),
        remoteState: link.remoteState,
        syncedStatus: link.syncedStatus,
        withdrawn: link.withdrawn ? 1 : 0,
        note: link.note,
        at: iso(),
      });
    },
    moveLinks: (moves) => {
      transaction(() => {
        const at = iso();
        const moving = new Set(moves.map(([from]) => from));
        for (const [from] of moves) renameLink.run(`~moving~${from}`, at, from);
        for (const [from, to] of moves) {
          if (!moving.has(to) && oneLink.get(to) !== undefined)
            renameLink.run(`${to}~${String(Date.now())}`, at, to);
          renameLink.run(to, at, `~moving~${from}`);
        }
      });
    },
    beginOp: ({ syncId, tracker, op, detail }) =>
      transaction(() => Number(insertOp.run(syncId, tracker, op, detail, iso()).lastInsertRowid)),
    finishOp: (id, alsoWrite) => {
      transaction(() => {
        alsoWrite?.();
        endOp.run("done", null, iso(), id);
      });
    },
    failOp: (id, state, error) => {
      transaction(() => endOp.run(state, error, iso(), id));
    },
    noteDone: (syncId, tag) => noteDone.get(syncId, tag) !== undefined,
    pendingOps: (tracker) => pendingOps.all(tracker).map(toOp),
    problems: () => new Map(problems.all().map((row) => [text(row, "sync_id"), toOp(row)])),
    recordWrite: (tracker, atMs) => {
      transaction(() => {
        insertWrite.run(tracker, atMs);
        pruneWrites.run(atMs - 2 * 3_600_000);
      });
    },
    writesSince: (tracker, sinceMs) =>
      writesSince.all(tracker, sinceMs).map((r) => int(r, "at_ms")),
    cursor: (tracker) => {
      const row = getCursor.get(tracker);
      return row === undefined ? null : text(row, "since");
    },
    setCursor: (tracker, since) => {
      transaction(() => putCursor.run(tracker, since));
    },
    httpCache: () => cache,
    holdHttpCache: () => {
      const mine = new Map<string, { etag: string; value: string }>();
      held = mine;
      return (commit = true) => {
        if (held === mine) held = null;
        if (!commit) return;
        transaction(() => {
          for (const [key, { etag, value }] of mine) putCache.run(key, etag, value);
        });
      };
    },
    firstDelivery: (id) => transaction(() => addDelivery.run(id, iso()).changes > 0),
    hasDelivery: (id) => findDelivery.get(id) !== undefined,
    takeSyncLock: (holder, isStale) =>
      transaction(() => {
        const row = getFlag.get(SYNC_LOCK);
        const current = row === undefined ? null : text(row, "value");
        if (current !== null && current !== holder && !isStale(current)) return current;
        putFlag.run(SYNC_LOCK, holder);
        return null;
      }),
    releaseSyncLock: (holder) => {
      transaction(() => dropFlag.run(SYNC_LOCK, holder));
    },
    setItemStatus: (itemId, status) => {
      transaction(() => setStatus.run(status, itemId));
    },
  };
}
