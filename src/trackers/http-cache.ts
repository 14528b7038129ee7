/**
 * Remembers conditional-request validators between runs: for a URL, the ETag the tracker sent and
 * what the adapter made of that response. A later `If-None-Match` answered 304 costs no GitHub
 * quota and lets the adapter reuse the stored value. The sync keeps one in SQLite so a new process
 * (each `sigmeet sync` run) still gets its 304s.
 */
export interface HttpCache {
  get(key: string): { readonly etag: string; readonly value: string } | undefined;
  set(key: string, etag: string, value: string): void;
}

/** An in-memory HttpCache, for tests and for one-off runs without a database. */
export function memoryHttpCache(): HttpCache {
  const entries = new Map<string, { etag: string; value: string }>();
  return {
    get: (key) => entries.get(key),
    set: (key, etag, value) => {
      entries.set(key, { etag, value });
    },
  };
}
