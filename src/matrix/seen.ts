// Which events were already handled. The SDK's sync can deliver an event twice: a batch replayed
// after a crash (the token is saved only after processing), and events fetched again to fill a
// gap. The lead backs this with SQLite; the in-memory one serves tests and dry runs.

export interface SeenStore {
  has(eventId: string): Promise<boolean> | boolean;
  /** Called after the event's handler returned or threw. */
  add(roomId: string, eventId: string): Promise<void> | void;
}

export class MemorySeenStore implements SeenStore {
  readonly #ids = new Set<string>();

  has(eventId: string): boolean {
    return this.#ids.has(eventId);
  }

  add(_roomId: string, eventId: string): void {
    this.#ids.add(eventId);
  }
}
