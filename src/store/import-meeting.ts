import type { DatabaseSync } from "node:sqlite";
import type { Item, Meeting } from "../core/meeting.ts";
import { isoUtc, meetingKey } from "./meeting-key.ts";
import { int, text, textOrNull, type Row } from "./row.ts";
import { StoreError } from "./store-error.ts";
import { inWriteTransaction } from "./transaction.ts";
import type { ActionStatus, ImportResult, ImportSource } from "./types.ts";

/** Line rowids are meeting_id * 2^24 + n (see the lines table in migrations.ts). */
const LINES_PER_MEETING = 2 ** 24;
export const MAX_LINE_NUMBER = LINES_PER_MEETING - 1;

export function lineRowid(meetingId: number, n: number): number {
  return meetingId * LINES_PER_MEETING + n;
}

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

/**
 * Prepares every statement of the import path once and returns the import function. While
 * `deferLineIndex()` is true, lines are not added to (or removed from) the lines FTS index: the
 * caller rebuilds it afterwards (see bulkImport in open-store.ts).
 */
export function createImporter(
  db: DatabaseSync,
  path: string,
  now: () => Date,
  deferLineIndex: () => boolean,
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
  const unindexLines = db.prepare(
    `INSERT INTO lines_fts (lines_fts, rowid, text)
     SELECT 'delete', id, text FROM lines WHERE id BETWEEN ? AND ?`,
  );
  const deleteLines = db.prepare("DELETE FROM lines WHERE id BETWEEN ? AND ?");
  const deleteAttendees = db.prepare("DELETE FROM attendees WHERE meeting_id = ?");
  const insertLine = db.prepare(
    "INSERT INTO lines (id, date, time, nick, action, text) VALUES (?, ?, ?, ?, ?, ?)",
  );
  // One statement per meeting rather than a second insert per line: the text never crosses back
  // into SQLite from JavaScript.
  const indexLines = db.prepare(
    "INSERT INTO lines_fts (rowid, text) SELECT id, text FROM lines WHERE id BETWEEN ? AND ?",
  );
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

  function removeContent(meetingId: number): void {
    const first = lineRowid(meetingId, 0);
    const last = lineRowid(meetingId, MAX_LINE_NUMBER);
    unindexItems.run(meetingId);
    deleteItems.run(meetingId);
    if (!deferLineIndex()) unindexLines.run(first, last);
    deleteLines.run(first, last);
    deleteAttendees.run(meetingId);
  }

  function insertContent(
    meetingId: number,
    meeting: Meeting,
    kept: readonly (KeptItem | undefined)[],
    ownersOf: (item: Item) => readonly string[],
  ): void {
    const base = lineRowid(meetingId, 0);
    // The hot loop: one reused statement, positional parameters, no per-line objects.
    for (const line of meeting.lines) {
      const n = line.n;
      if (!Number.isInteger(n) || n < 1 || n > MAX_LINE_NUMBER) {
        throw new StoreError(
          path,
          "invalid",
          `meeting ${meeting.name}: line number ${n} is outside 1..${MAX_LINE_NUMBER}`,
        );
      }
      insertLine.run(base + n, line.date, line.time, line.nick, line.action ? 1 : 0, line.text);
    }
    if (!deferLineIndex()) indexLines.run(base, lineRowid(meetingId, MAX_LINE_NUMBER));

    meeting.items.forEach((item, seq) => {
      const old = kept[seq];
      const status = item.kind === "action" ? (old?.status ?? "open") : null;
      insertItem.run(
        old?.id ?? null,
        meetingId,
        seq,
        item.kind,
        item.text,
        item.nick,
        item.line,
        item.date,
        item.time,
        item.topic,
        status,
        JSON.stringify(ownersOf(item)),
      );
    });
    indexItems.run(meetingId);

    meeting.attendees.forEach((attendee, seq) => {
      insertAttendee.run(meetingId, seq, attendee.nick, attendee.lines);
    });
  }

  return (meeting, source, ownersOf) => {
    const key = meetingKey(meeting);
    const keys = [key, ...meeting.previousNames.map((name) => meetingKey(meeting, name))];
    // Fast path without taking the write lock: re-importing an unchanged log writes nothing.
    const seen = find(keys);
    if (seen?.sha256 === source.sha256) return { status: "unchanged", meetingId: seen.id };

    return inWriteTransaction(db, (): ImportResult => {
      const existing = find(keys); // again, under the lock
      if (existing === undefined) {
        const { lastInsertRowid } = insertMeeting.run(...meetingValues(meeting, key, source));
        const meetingId = Number(lastInsertRowid);
        insertContent(meetingId, meeting, [], ownersOf);
        return { status: "inserted", meetingId };
      }
      if (existing.sha256 === source.sha256) return { status: "unchanged", meetingId: existing.id };
      const kept = matchItems(meeting.items, oldItems.all(existing.id).map(toOldItem));
      removeContent(existing.id);
      updateMeeting.run(...meetingValues(meeting, key, source), existing.id);
      insertContent(existing.id, meeting, kept, ownersOf);
      return { status: "updated", meetingId: existing.id };
    });
  };
}
