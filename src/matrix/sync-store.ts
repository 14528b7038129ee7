import type { IFilterInfo, IStorageProvider } from "matrix-bot-sdk";

// Where the sync token and the sync filter's id live between runs. Both must persist together:
// when the stored filter differs from (or lacks) the one given, the SDK creates a new filter and
// clears the token, which means a fresh initial sync. The lead backs this with SQLite.

export interface KeyValueStore {
  get(key: string): Promise<string | undefined> | string | undefined;
  /** `undefined` deletes. */
  set(key: string, value: string | undefined): Promise<void> | void;
}

export class MemoryKeyValueStore implements KeyValueStore {
  readonly #values = new Map<string, string>();

  get(key: string): string | undefined {
    return this.#values.get(key);
  }

  set(key: string, value: string | undefined): void {
    if (value === undefined) this.#values.delete(key);
    else this.#values.set(key, value);
  }
}

const TOKEN = "matrix.sync_token";
const FILTER = "matrix.sync_filter";

/** The SDK's storage interface over a key-value store (keys prefixed "matrix."). */
export function syncStorage(store: KeyValueStore): IStorageProvider {
  return {
    getSyncToken: async () => (await store.get(TOKEN)) ?? null,
    setSyncToken: (token) => store.set(TOKEN, token ?? undefined),
    getFilter: async () => {
      const text = await store.get(FILTER);
      // The SDK's type says IFilterInfo, but it checks for a falsy value ("no filter yet").
      return (text === undefined ? null : JSON.parse(text)) as IFilterInfo;
    },
    setFilter: (filter) => store.set(FILTER, JSON.stringify(filter)),
    readValue: (key) => store.get(`matrix.kv.${key}`),
    storeValue: (key, value) => store.set(`matrix.kv.${key}`, value),
  };
}
