export { openStore } from "./open-store.ts";
export { MIGRATIONS, migrate } from "./migrations.ts";
export { meetingKey } from "./meeting-key.ts";
export { toFtsQuery } from "./fts-query.ts";
export { SNIPPET_CLOSE, SNIPPET_OPEN } from "./line-search.ts";
export { StoreError, type StoreErrorReason } from "./store-error.ts";
export type {
  ActionStatus,
  ImportResult,
  ImportSource,
  ItemFilter,
  ItemRow,
  SearchHit,
  Store,
  StoreOptions,
  StoreStats,
} from "./types.ts";
