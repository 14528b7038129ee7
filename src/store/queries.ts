import type { DatabaseSync } from "node:sqlite";
import type { Era } from "../core/log-line.ts";
import { ITEM_KINDS, type ItemKind } from "../core/meeting.ts";
import { isPhraseUnsupported, toFtsQuery } from "./fts-query.ts";
import {
  LineMatcher,
  searchLog,
  SNIPPET_CLOSE,
  SNIPPET_OPEN,
  SNIPPET_TOKENS,
} from "./line-search.ts";
import { int, text, textOrNull, type Row } from "./row.ts";
import { StoreError } from "./store-error.ts";
import type { ActionStatus, ItemRow, SearchHit, Store, StoreStats } from "./types.ts";

function itemKind(row: Row, column: string): ItemKind {
  const value = text(row, column);
  const kind = ITEM_KINDS.find((k) => k === value);
  if (kind === undefined) throw new StoreError("", "invalid", `unknown item kind ${value}`);
  return kind;
}

function status(row: Row): ActionStatus | null {
  const value = textOrNull(row, "status");
  return value === "open" || value === "done" ? value : null;
}

function owners(row: Row): string[] {
  const parsed: unknown = JSON.parse(text(row, "owners"));
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

export function toItemRow(row: Row): ItemRow {
  const era: Era = text(row, "era") === "matrix" ? "matrix" : "irc";
  return {
    id: int(row, "id"),
    meetingId: int(row, "meeting_id"),
    meetingName: text(row, "meeting_name"),
    meetingTitle: text(row, "meeting_title"),
    era,
    channel: text(row, "channel"),
    startedAt: text(row, "started_at"),
    seq: int(row, "seq"),
    kind: itemKind(row, "kind"),
    text: text(row, "text"),
    nick: text(row, "nick"),
    line: int(row, "line"),
    date: text(row, "date"),
    time: text(row, "time"),
    topic: textOrNull(row, "topic"),
    status: status(row),
    owners: owners(row),
  };
}

function toSearchHit(row: Row): SearchHit {
  const isItem = row.item_id != null;
  return {
    kind: isItem ? "item" : "line",
    meetingId: int(row, "meeting_id"),
    meetingName: text(row, "meeting_name"),
    channel: text(row, "channel"),
    startedAt: text(row, "started_at"),
    nick: text(row, "nick"),
    date: text(row, "date"),
    time: text(row, "time"),
    line: int(row, "line"),
    itemId: isItem ? int(row, "item_id") : null,
    itemKind: isItem ? itemKind(row, "item_kind") : null,
    snippet: text(row, "snippet"),
  };
}

export type Queries = Pick<Store, "listItems" | "search" | "setItemStatus" | "stats">;

/** Prepares the read (and status) statements once and returns the query half of the Store. */
export function createQueries(db: DatabaseSync, path: string): Queries {
  const listItems = db.prepare(`
    SELECT i.id, i.meeting_id, m.name AS meeting_name, m.title AS meeting_title, m.era, m.channel,
           m.started_at, i.seq, i.kind, i.text, i.nick, i.line, i.date, i.time, i.topic, i.status,
           i.owners
    FROM items i JOIN meetings m ON m.id = i.meeting_id
    WHERE ($kind IS NULL
           OR ($kind = 'action' AND i.kind = 'action')
           OR ($kind = 'decision' AND i.kind IN ('agreed', 'accepted', 'rejected')))
      AND ($status IS NULL OR i.status = $status)
      AND ($meeting IS NULL OR m.name = $meeting)
      AND ($owner IS NULL
           OR EXISTS (SELECT 1 FROM json_each(i.owners) o WHERE lower(o.value) = lower($owner)))
    ORDER BY m.started_at DESC, m.id DESC, i.seq
    LIMIT $limit`);
  const snippetArgs = `'${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', ${SNIPPET_TOKENS}`;
  const searchItems = db.prepare(`
    SELECT i.id AS item_id, i.kind AS item_kind, i.meeting_id, m.name AS meeting_name, m.channel,
           m.started_at, i.nick, i.date, i.time, i.line,
           snippet(items_fts, 0, ${snippetArgs}) AS snippet
    FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN meetings m ON m.id = i.meeting_id
    WHERE items_fts MATCH ?
    ORDER BY rank
    LIMIT ?`);
  // The log index keeps no term frequencies (detail=none), so rank means nothing there: newest
  // rowid first, i.e. the latest imported meeting first, which FTS5 answers without sorting.
  const searchLogs = db.prepare(`
    SELECT l.meeting_id, m.name AS meeting_name, m.channel, m.started_at, l.meta, l.text
    FROM meeting_logs_fts JOIN meeting_logs l ON l.meeting_id = meeting_logs_fts.rowid
      JOIN meetings m ON m.id = l.meeting_id
    WHERE meeting_logs_fts MATCH ?
    ORDER BY meeting_logs_fts.rowid DESC`);

  /**
   * Meetings whose log holds every word of `query`, newest first, read lazily. A word SQLite cuts
   * in two is a phrase the detail=none index refuses: then the query is retried cut finer (see
   * FtsSplit), which finds a superset of the meetings; the line filter does the rest.
   */
  function* candidateLogs(query: string, match: string): Generator<Row> {
    let rows = searchLogs.iterate(match);
    let first: IteratorResult<Row>;
    try {
      first = rows.next();
    } catch (error) {
      // node:sqlite leaves a statement that failed in iterate() unusable until return() resets it.
      rows.return?.();
      const fine = toFtsQuery(query, "fine");
      if (!isPhraseUnsupported(error) || fine == null) throw error;
      rows = searchLogs.iterate(fine);
      try {
        first = rows.next();
      } catch (retryError) {
        rows.return?.();
        throw retryError;
      }
    }
    try {
      for (let next = first; next.done !== true; next = rows.next()) yield next.value;
    } finally {
      rows.return?.();
    }
  }

  /** Line hits: the matching lines of each candidate meeting, last line first, up to `limit`. */
  function searchLines(query: string, match: string, limit: number): SearchHit[] {
    const matcher = LineMatcher.of(query);
    const hits: SearchHit[] = [];
    if (matcher === null) return hits;
    for (const row of candidateLogs(query, match)) {
      const meeting = {
        kind: "line",
        meetingId: int(row, "meeting_id"),
        meetingName: text(row, "meeting_name"),
        channel: text(row, "channel"),
        startedAt: text(row, "started_at"),
        itemId: null,
        itemKind: null,
      } as const;
      const log = { meta: text(row, "meta"), text: text(row, "text") };
      searchLog(matcher, log, (line, snippet) => {
        const { nick, date, time, n } = line;
        hits.push({ ...meeting, nick, date, time, line: n, snippet });
        return hits.length < limit;
      });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  const setStatus = db.prepare("UPDATE items SET status = ? WHERE id = ? AND kind = 'action'");
  const kindOf = db.prepare("SELECT kind FROM items WHERE id = ?");
  const counts = db.prepare(`
    SELECT (SELECT count(*) FROM meetings) AS meetings,
           (SELECT coalesce(sum(line_count), 0) FROM meeting_logs) AS lines,
           (SELECT count(*) FROM items) AS items,
           (SELECT count(*) FROM items WHERE kind = 'action') AS actions,
           (SELECT count(*) FROM items WHERE kind = 'action' AND status = 'open') AS open_actions,
           (SELECT count(*) FROM items WHERE kind IN ('agreed', 'accepted', 'rejected')) AS decisions,
           (SELECT count(*) FROM attendees) AS attendees`);
  const version = db.prepare("PRAGMA user_version");

  return {
    listItems(filter = {}) {
      const params = {
        kind: filter.kind ?? null,
        status: filter.open === undefined ? null : filter.open ? "open" : "done",
        meeting: filter.meetingName ?? null,
        owner: filter.owner ?? null,
        limit: filter.limit ?? 1000,
      };
      return listItems.all(params).map(toItemRow);
    },

    search(query, limit = 20) {
      const match = toFtsQuery(query);
      if (match == null || limit <= 0) return [];
      const items = searchItems.all(match, limit).map(toSearchHit);
      const rest = limit - items.length;
      if (rest <= 0) return items;
      return [...items, ...searchLines(query, match, rest)];
    },

    setItemStatus(id, newStatus) {
      const given: unknown = newStatus; // callers may be plain JavaScript (the CLI)
      if (given !== "open" && given !== "done") {
        throw new StoreError(
          path,
          "invalid",
          `item status must be open or done, not ${String(given)}`,
        );
      }
      if (setStatus.run(newStatus, id).changes > 0) return;
      const row = kindOf.get(id);
      if (row === undefined)
        throw new StoreError(path, "not-found", `${path}: no item with id ${id}`);
      throw new StoreError(
        path,
        "invalid",
        `${path}: item ${id} is a ${text(row, "kind")}; only actions have a status`,
      );
    },

    stats(): StoreStats {
      const row = counts.get() ?? {};
      return {
        schemaVersion: int(version.get() ?? {}, "user_version"),
        meetings: int(row, "meetings"),
        lines: int(row, "lines"),
        items: int(row, "items"),
        actions: int(row, "actions"),
        openActions: int(row, "open_actions"),
        decisions: int(row, "decisions"),
        attendees: int(row, "attendees"),
      };
    },
  };
}
