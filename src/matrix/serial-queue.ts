// matrix-bot-sdk emits events with a plain EventEmitter: async listeners are not awaited, so they
// run interleaved, and a rejection becomes an unhandled rejection that ends the process. Work is
// queued here instead: one queue per key (room), tasks of a key strictly in order, keys
// concurrently, every failure caught and reported.

export class SerialQueues {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #onError: (key: string, error: unknown) => void;

  constructor(onError: (key: string, error: unknown) => void) {
    this.#onError = onError;
  }

  /** Queues `task` behind the earlier tasks of `key`; resolves when it has run (never rejects). */
  run(key: string, task: () => Promise<void> | void): Promise<void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await task();
      } catch (error) {
        try {
          this.#onError(key, error);
        } catch {
          // A failing reporter must not break the chain of this key.
        }
      }
    });
    this.#tails.set(key, next);
    // Forget finished keys, so rooms seen once do not accumulate.
    void next.then(() => {
      if (this.#tails.get(key) === next) this.#tails.delete(key);
    });
    return next;
  }

  /** Resolves when every task queued so far (and any they queue meanwhile) has run. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}
