import type { DatabaseSync } from "node:sqlite";
import { int, text, textOrNull, type Row } from "./row.ts";
import { inWriteTransaction } from "./transaction.ts";

/**
 * The Matrix bot's sync state in the store (migration 5). Shaped to fit the Matrix port's
 * `SeenStore` and `KeyValueStore` (src/matrix), which the store must not import.
 */
/** One stored event of a live meeting (migration 6); `seq` orders a room's events as received. */
export interface LiveEventRow {
  readonly seq: number;
  readonly roomId: string;
  readonly eventId: string;
  readonly op: "add" | "edit" | "redact";
  readonly sender: string;
  readonly ts: number;
  readonly msgtype: string;
  readonly body: string;
  /** The edited or redacted event. */
  readonly target: string | null;
  readonly inReplyTo: string | null;
}

/** A reply of the bot: its transaction id, and its event id once the homeserver took it. */
export interface ReplyRow {
  readonly txnId: string;
  readonly eventId: string | null;
}

export interface BotState {
  readonly seen: {
    has(eventId: string): boolean;
    add(roomId: string, eventId: string): void;
  };
  readonly values: {
    get(key: string): string | undefined;
    /** `undefined` deletes. */
    set(key: string, value: string | undefined): void;
    /** Keys starting with `prefix`, in order. */
    keys(prefix: string): string[];
  };
  readonly live: {
    /** Stores an event of a live meeting; its `seq` (the stored one when it was stored before). */
    append(event: Omit<LiveEventRow, "seq">): number;
    list(roomId: string): LiveEventRow[];
    /** Rooms with stored live events. */
    rooms(): string[];
    /** Drops a room's events up to `seq` (its meeting is over and published). */
    clear(roomId: string, upToSeq: number): void;
  };
  readonly replies: {
    get(key: string): ReplyRow | undefined;
    /** Records the intent to send; keeps an existing row (and its txn id). */
    begin(key: string, roomId: string, txnId: string): ReplyRow;
    sent(key: string, eventId: string): void;
  };
}

function liveRow(row: Row): LiveEventRow {
  const op = text(row, "op");
  return {
    seq: int(row, "seq"),
    roomId: text(row, "room_id"),
    eventId: text(row, "event_id"),
    op: op === "edit" || op === "redact" ? op : "add",
    sender: text(row, "sender"),
    ts: int(row, "ts"),
    msgtype: text(row, "msgtype"),
    body: text(row, "body"),
    target: textOrNull(row, "target"),
    inReplyTo: textOrNull(row, "in_reply_to"),
  };
}

export function createBotState(db: DatabaseSync, now: () => Date): BotState {
  const hasSeen = db.prepare("SELECT 1 FROM bot_seen_events WHERE event_id = ?");
  const addSeen = db.prepare(
    "INSERT INTO bot_seen_events (event_id, room_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const getValue = db.prepare("SELECT value FROM bot_values WHERE key = ?");
  const putValue = db.prepare(
    "INSERT INTO bot_values (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  const dropValue = db.prepare("DELETE FROM bot_values WHERE key = ?");
  const valueKeys = db.prepare(
    "SELECT key FROM bot_values WHERE substr(key, 1, length(?)) = ? ORDER BY key",
  );
  const appendLive = db.prepare(
    `INSERT INTO bot_live_events (room_id, event_id, op, sender, ts, msgtype, body, target, in_reply_to)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
  );
  const liveSeq = db.prepare("SELECT seq FROM bot_live_events WHERE event_id = ?");
  const listLive = db.prepare("SELECT * FROM bot_live_events WHERE room_id = ? ORDER BY seq");
  const liveRooms = db.prepare("SELECT DISTINCT room_id FROM bot_live_events ORDER BY room_id");
  const clearLive = db.prepare("DELETE FROM bot_live_events WHERE room_id = ? AND seq <= ?");
  const getReply = db.prepare("SELECT txn_id, event_id FROM bot_replies WHERE key = ?");
  const beginReply = db.prepare(
    "INSERT INTO bot_replies (key, room_id, txn_id) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
  );
  const sentReply = db.prepare("UPDATE bot_replies SET event_id = ? WHERE key = ?");
  const reply = (key: string): ReplyRow | undefined => {
    const row = getReply.get(key);
    return row === undefined
      ? undefined
      : { txnId: text(row, "txn_id"), eventId: textOrNull(row, "event_id") };
  };
  return {
    seen: {
      has: (eventId) => hasSeen.get(eventId) !== undefined,
      add: (roomId, eventId) => {
        inWriteTransaction(db, () => addSeen.run(eventId, roomId, now().toISOString()));
      },
    },
    values: {
      get: (key) => {
        const row = getValue.get(key);
        return row === undefined ? undefined : text(row, "value");
      },
      set: (key, value) => {
        inWriteTransaction(db, () =>
          value === undefined ? dropValue.run(key) : putValue.run(key, value),
        );
      },
      keys: (prefix) => valueKeys.all(prefix, prefix).map((row) => text(row, "key")),
    },
    live: {
      append: (e) =>
        inWriteTransaction(db, () => {
          const result = appendLive.run(
            e.roomId,
            e.eventId,
            e.op,
            e.sender,
            e.ts,
            e.msgtype,
            e.body,
            e.target,
            e.inReplyTo,
          );
          if (result.changes > 0) return Number(result.lastInsertRowid);
          const row = liveSeq.get(e.eventId);
          if (row === undefined) throw new Error(`live event ${e.eventId} was not stored`);
          return int(row, "seq");
        }),
      list: (roomId) => listLive.all(roomId).map(liveRow),
      rooms: () => liveRooms.all().map((row) => text(row, "room_id")),
      clear: (roomId, upToSeq) => {
        inWriteTransaction(db, () => clearLive.run(roomId, upToSeq));
      },
    },
    replies: {
      get: reply,
      begin: (key, roomId, txnId) =>
        inWriteTransaction(db, () => {
          beginReply.run(key, roomId, txnId);
          const row = reply(key);
          if (row === undefined) throw new Error(`reply ${key} was not stored`);
          return row;
        }),
      sent: (key, eventId) => {
        inWriteTransaction(db, () => sentReply.run(eventId, key));
      },
    },
  };
}
