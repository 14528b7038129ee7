import type { Era } from "../core/log-line.ts";
import type { Item, ItemKind, Meeting } from "../core/meeting.ts";
import type { BotState } from "./bot-state.ts";
import type { SyncState } from "./sync-state.ts";

export type ActionStatus = "open" | "done";

/** Where an imported meeting came from; the sha256 decides whether a re-import changes anything. */
export interface ImportSource {
  readonly path: string;
  readonly sha256: string;
}

export interface ImportResult {
  /** inserted: new key; unchanged: same key and sha256, nothing written; updated: same key, new sha256. */
  readonly status: "inserted" | "unchanged" | "updated";
  readonly meetingId: number;
}

export interface ItemFilter {
  /** "decision" = agreed, accepted or rejected. Without it, every kind (topics included). */
  readonly kind?: "action" | "decision";
  /** true: open actions; false: done actions. Either way only actions match. */
  readonly open?: boolean;
  /** Meeting (file-name) name, exact. */
  readonly meetingName?: string;
  /** An owner as `ownersOf` returned it; compared case-insensitively. */
  readonly owner?: string;
  /** Default 1000. */
  readonly limit?: number;
}

export interface ItemRow {
  readonly id: number;
  readonly meetingId: number;
  readonly meetingName: string;
  readonly meetingTitle: string;
  readonly era: Era;
  readonly channel: string;
  /** ISO 8601 UTC start of the meeting. */
  readonly startedAt: string;
  readonly seq: number;
  readonly kind: ItemKind;
  readonly text: string;
  readonly nick: string;
  readonly line: number;
  readonly date: string;
  readonly time: string;
  readonly topic: string | null;
  /** null for everything but actions. */
  readonly status: ActionStatus | null;
  readonly owners: readonly string[];
}

export interface SearchHit {
  readonly kind: "item" | "line";
  readonly meetingId: number;
  readonly meetingName: string;
  readonly channel: string;
  readonly startedAt: string;
  readonly nick: string;
  readonly date: string;
  readonly time: string;
  /** `LogLine.n` of the line (for items: of the command line). */
  readonly line: number;
  /** Set for item hits. */
  readonly itemId: number | null;
  readonly itemKind: ItemKind | null;
  /** Matching text with each match wrapped in SNIPPET_OPEN / SNIPPET_CLOSE. */
  readonly snippet: string;
}

export interface StoreStats {
  readonly schemaVersion: number;
  readonly meetings: number;
  readonly lines: number;
  readonly items: number;
  readonly actions: number;
  readonly openActions: number;
  readonly decisions: number;
  readonly attendees: number;
}

export interface Store {
  /** The path given to openStore. */
  readonly path: string;
  /** One transaction per meeting; see import-meeting.ts for how updates keep action status. */
  importMeeting(
    meeting: Meeting,
    source: ImportSource,
    ownersOf: (item: Item) => readonly string[],
  ): ImportResult;
  /**
   * Runs `body` (a loop of importMeeting calls) with the log full-text index switched off, then
   * rebuilds that index in one go, which is faster for a large import. Until the rebuild has
   * committed the index is marked stale in the database; openStore rebuilds a stale index, so a
   * crash mid-import loses nothing. Nested calls join the outer one.
   */
  bulkImport<T>(body: () => T): T;
  /** Whether some stored meeting came from a source with this sha256 (lets an importer skip parsing). */
  hasSource(sha256: string): boolean;
  listItems(filter?: ItemFilter): ItemRow[];
  /** Words of `text` ANDed (every word must occur); item hits first, then line hits, newest first. */
  search(text: string, limit?: number): SearchHit[];
  /** Throws StoreError "not-found" for an unknown id, "invalid" for an item that is no action. */
  setItemStatus(id: number, status: ActionStatus): void;
  stats(): StoreStats;
  /** The tracker sync's tables (links, outbox, budget, caches). */
  readonly sync: SyncState;
  /** The Matrix bot's sync state (handled events, sync token and filter). */
  readonly bot: BotState;
  close(): void;
}

export interface StoreOptions {
  /** How long to wait for another connection's lock; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Clock for `imported_at`; default `() => new Date()`. */
  readonly now?: () => Date;
}
