import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { Attendee, Item, Meeting } from "../core/meeting.ts";
import { encodeLogRows, type LogColumns } from "./log-rows.ts";
import { isoUtc, meetingKey } from "./meeting-key.ts";
import { int, text, textOrNull, type Row } from "./row.ts";
import { StoreError } from "./store-error.ts";
import type { ActionStatus, ImportResult, ImportSource } from "./types.ts";

interface KeptItem {
  readonly id: number;
  readonly status: ActionStatus | null;
}

interface OldItem extends KeptItem {
  readonly kind: string;
  readonly text: string;
  readonly line: number;
}

function toOldItem(row: Row): OldItem {
  const status = textOrNull(row, "status");
  return {
    id: int(row, "id"),
    kind: text(row, "kind"),
    text: text(row, "text"),
    line: int(row, "line"),
    status: status === "done" ? "done" : status === "open" ? "open" : null,
  };
}

function take<K, V>(map: Map<K, V[]>, key: K): V | undefined {
  const list = map.get(key);
  return list?.shift();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Pairs the items of a re-imported meeting with the rows they replace, so that their ids (which
 * users and issue sync refer to) and their action status survive. An item matches an old one of the
 * same kind and text on the same log line; items left over then match by kind and text alone, in
 * order (a log whose line numbers shifted). Everything else is new: id assigned fresh, status open.
 */
export function matchItems(
  items: readonly Item[],
  old: readonly OldItem[],
): (KeptItem | undefined)[] {
  const byLine = new Map<string, OldItem[]>();
  for (const o of old) push(byLine, JSON.stringify([o.kind, o.text, o.line]), o);
  const kept: (KeptItem | undefined)[] = items.map((item) =>
    take(byLine, JSON.stringify([item.kind, item.text, item.line])),
  );
  const used = new Set(kept.map((k) => k?.id));
  const byText = new Map<string, OldItem[]>();
  for (const o of old) if (!used.has(o.id)) push(byText, JSON.stringify([o.kind, o.text]), o);
  return items.map((item, i) => kept[i] ?? take(byText, JSON.stringify([item.kind, item.text])));
}

export type ImportMeeting = (
  meeting: Meeting,
  source: ImportSource,
  ownersOf: (item: Item) => readonly string[],
) => ImportResult;

/** A meeting's rows as SQL parameters, computed before anything is written. */
interface Content {
  /** The meetings columns from `key` to `imported_at`. */
  readonly values: readonly SQLInputValue[];
  readonly items: readonly Item[];
  readonly log: LogColumns;
  readonly lineCount: number;
  /** Per item, `ownersOf(item)` as JSON. */
  readonly owners: readonly string[];
  readonly attendees: readonly Attendee[];
}

/** How the importer writes; bulkImport (open-store.ts) swaps both for a large import. */
export interface ImportMode {
  /**
   * While true, meetings are not added to (or removed from) the full-text indexes: the caller
   * rebuilds them afterwards.
   */
  deferIndexes(): boolean;
  /** Runs the writes of one meeting atomically. */
  transact<T>(body: () => T): T;
}

/** Prepares every statement of the import path once and returns the import function. */
export function createImporter(
  db: DatabaseSync,
  path: string,
  now: () => Date,
  mode: ImportMode,
): ImportMeeting {
  const findByKey = db.prepare("SELECT id, source_sha256 FROM meetings WHERE key = ?");
  const meetingColumns = `key, era, channel, name, previous_names, title, owner, started_at,
    start_line, ended_at, end_line, chairs, source_path, source_sha256, imported_at`;
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (${meetingColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateMeeting = db.prepare(
    `UPDATE meetings SET (${meetingColumns}) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     WHERE id = ?`,
  );
  const oldItems = db.prepare(
    "SELECT id, kind, text, line, status FROM items WHERE meeting_id = ? ORDER BY seq",
  );
  // External-content FTS5 tables must be told the old text of every row they forget.
  const unindexItems = db.prepare(
    `INSERT INTO items_fts (items_fts, rowid, text)
     SELECT 'delete', id, text FROM items WHERE meeting_id = ?`,
  );
  const deleteItems = db.prepare("DELETE FROM items WHERE meeting_id = ?");
  const unindexLog = db.prepare(
    `INSERT INTO meeting_logs_fts (meeting_logs_fts, rowid, text)
     SELECT 'delete', meeting_id, text FROM meeting_logs WHERE meeting_id = ?`,
  );
  const deleteLog = db.prepare("DELETE FROM meeting_logs WHERE meeting_id = ?");
  const deleteAttendees = db.prepare("DELETE FROM attendees WHERE meeting_id = ?");
  const insertLog = db.prepare(
    "INSERT INTO meeting_logs (meeting_id, line_count, meta, text) VALUES (?, ?, ?, ?)",
  );
  const indexLog = db.prepare("INSERT INTO meeting_logs_fts (rowid, text) VALUES (?, ?)");
  // One run() per item: measured faster than one INSERT … SELECT FROM json_each(?) per meeting,
  // whose JSON serialising and parsing cost more than the calls it saves.
  const insertItem = db.prepare(
    `INSERT INTO items (id, meeting_id, seq, kind, text, nick, line, date, time, topic, status, owners)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const indexItems = db.prepare(
    "INSERT INTO items_fts (rowid, text) SELECT id, text FROM items WHERE meeting_id = ?",
  );
  const insertAttendee = db.prepare(
    "INSERT INTO attendees (meeting_id, seq, nick, lines) VALUES (?, ?, ?, ?)",
  );

  /** The row of this meeting, found by its key or by the key it had under an earlier name. */
  function find(keys: readonly string[]): { id: number; sha256: string } | undefined {
    for (const key of keys) {
      const row = findByKey.get(key);
      if (row !== undefined) return { id: int(row, "id"), sha256: text(row, "source_sha256") };
    }
    return undefined;
  }

  function meetingValues(meeting: Meeting, key: string, source: ImportSource) {
    return [
      key,
      meeting.era,
      meeting.channel,
      meeting.name,
      JSON.stringify(meeting.previousNames),
      meeting.title,
      meeting.owner,
      isoUtc(meeting.start.date, meeting.start.time),
      meeting.start.line,
      meeting.end == null ? null : isoUtc(meeting.end.date, meeting.end.time),
      meeting.end == null ? null : meeting.end.line,
      JSON.stringify(meeting.chairs),
      source.path,
      source.sha256,
      now().toISOString(),
    ] as const;
  }

  /** Everything that can fail short of SQLite (a line that cannot be stored, ownersOf) fails here. */
  function contentOf(
    meeting: Meeting,
    key: string,
    source: ImportSource,
    ownersOf: (item: Item) => readonly string[],
  ): Content {
    const log = encodeLogRows(meeting.lines, (reason) => {
      throw new StoreError(path, "invalid", `meeting ${meeting.name}: ${reason}`);
    });
    return {
      values: meetingValues(meeting, key, source),
      items: meeting.items,
      log,
      lineCount: meeting.lines.length,
      owners: meeting.items.map((item) => JSON.stringify(ownersOf(item))),
      attendees: meeting.attendees,
    };
  }

  function removeContent(meetingId: number): void {
    const index = !mode.deferIndexes();
    if (index) unindexItems.run(meetingId);
    deleteItems.run(meetingId);
    if (index) unindexLog.run(meetingId);
    deleteLog.run(meetingId);
    deleteAttendees.run(meetingId);
  }

  function insertContent(
    meetingId: number,
    content: Content,
    kept: readonly (KeptItem | undefined)[],
  ): void {
    const index = !mode.deferIndexes();
    insertLog.run(meetingId, content.lineCount, content.log.meta, content.log.text);
    if (index) indexLog.run(meetingId, content.log.text);
    content.items.forEach((item, seq) => {
      const old = kept[seq];
      const status = item.kind === "action" ? (old?.status ?? "open") : null;
      const { kind, text, nick, line, date, time, topic } = item;
      const owners = content.owners[seq] ?? "[]";
      insertItem.run(
        old?.id ?? null,
        meetingId,
        seq,
        kind,
        text,
        nick,
        line,
        date,
        time,
        topic,
        status,
        owners,
      );
    });
    if (index) indexItems.run(meetingId);
    content.attendees.forEach((attendee, seq) => {
      insertAttendee.run(meetingId, seq, attendee.nick, attendee.lines);
    });
  }

  /** The writes of one import: everything that may fail before SQLite has failed already. */
  function write(keys: readonly string[], sha256: string, content: Content): () => ImportResult {
    return () => {
      const existing = find(keys); // again, under the lock
      if (existing === undefined) {
        const { lastInsertRowid } = insertMeeting.run(...content.values);
        const meetingId = Number(lastInsertRowid);
        insertContent(meetingId, content, []);
        return { status: "inserted", meetingId };
      }
      if (existing.sha256 === sha256) return { status: "unchanged", meetingId: existing.id };
      const kept = matchItems(content.items, oldItems.all(existing.id).map(toOldItem));
      removeContent(existing.id);
      updateMeeting.run(...content.values, existing.id);
      insertContent(existing.id, content, kept);
      return { status: "updated", meetingId: existing.id };
    };
  }

  return (meeting, source, ownersOf) => {
    const key = meetingKey(meeting);
    const keys = [key, ...meeting.previousNames.map((name) => meetingKey(meeting, name))];
    // Fast path without taking the write lock: re-importing an unchanged log writes nothing.
    const seen = find(keys);
    if (seen?.sha256 === source.sha256) return { status: "unchanged", meetingId: seen.id };
    const content = contentOf(meeting, key, source, ownersOf);

    return mode.transact(write(keys, source.sha256, content));
  };
}
