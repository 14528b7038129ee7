import type { DatabaseSync } from "node:sqlite";
import { text } from "./row.ts";
import { inWriteTransaction } from "./transaction.ts";

/**
 * The Matrix bot's sync state in the store (migration 5). Shaped to fit the Matrix port's
 * `SeenStore` and `KeyValueStore` (src/matrix), which the store must not import.
 */
export interface BotState {
  readonly seen: {
    has(eventId: string): boolean;
    add(roomId: string, eventId: string): void;
  };
  readonly values: {
    get(key: string): string | undefined;
    /** `undefined` deletes. */
    set(key: string, value: string | undefined): void;
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
    },
  };
}
