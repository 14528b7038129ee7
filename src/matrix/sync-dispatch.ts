import { isMatrixEvent, isOwnJoin } from "./event.ts";
import { fillGap } from "./gap-fill.ts";
import { RetryBatch, type MatrixEvent, type MessagesPage, type SyncHandlers } from "./port.ts";
import type { SeenStore } from "./seen.ts";
import { SerialQueues } from "./serial-queue.ts";

// Turns one /sync response into handler calls. This replaces the SDK's processSync/emit: its
// emitter does not await async listeners, and it neither fills gaps nor deduplicates.
//
// Failure policy: a handler's throw is logged and the event counts as handled (one bad event
// must not wedge a room). Anything else failing (the seen store, a gap fetch) fails the batch:
// the SDK then keeps the old sync token, backs off 5–15 s and fetches the same batch again, and
// the events handled meanwhile are skipped as seen.

export interface DispatchOptions {
  readonly userId: string;
  readonly handlers: SyncHandlers;
  readonly seen: SeenStore;
  /** One page of /messages backwards from `from`, for gap filling. */
  readonly fetchBack: (roomId: string, from: string) => Promise<MessagesPage>;
  readonly join: (roomId: string) => Promise<unknown>;
  readonly decline: (roomId: string) => Promise<unknown>;
  readonly log: (line: string) => void;
  /** Process start (ms since the epoch): older events in an initial sync are history. */
  readonly startedAt: number;
  /** Gap events fetched per room and batch at most; default 1000. */
  readonly maxGapEvents?: number;
}

export class SyncDispatcher {
  readonly #options: DispatchOptions;

  constructor(options: DispatchOptions) {
    this.#options = options;
  }

  /**
   * Handles one /sync response; resolves once every handler has finished (the caller saves the
   * sync token only then). `initial`: the sync had no `since` token (first start, or the token was
   * reset), so its timelines are recent history rather than news.
   */
  async dispatch(raw: unknown, initial: boolean): Promise<void> {
    const failures: unknown[] = [];
    const queues = new SerialQueues((_roomId, error) => failures.push(error));
    const rooms = record(record(raw)["rooms"]);
    for (const [roomId, room] of Object.entries(record(rooms["invite"])))
      void queues.run(roomId, () => this.#invite(roomId, room));
    for (const [roomId, room] of Object.entries(record(rooms["join"])))
      void queues.run(roomId, () => this.#room(roomId, record(record(room)["timeline"]), initial));
    await queues.idle();
    if (failures.length > 0)
      throw new AggregateError(failures, `sync batch failed in ${failures.length} room(s)`);
  }

  async #room(roomId: string, timeline: Record<string, unknown>, initial: boolean): Promise<void> {
    const { userId, startedAt } = this.#options;
    const events = Array.isArray(timeline["events"])
      ? timeline["events"].filter(isMatrixEvent)
      : [];
    const prevBatch = timeline["prev_batch"];
    if (!initial && timeline["limited"] === true && typeof prevBatch === "string")
      events.unshift(...(await this.#gap(roomId, prevBatch)));
    // Events before the bot's own join (a room joined in this batch can come with earlier ones)
    // are history, as is an initial sync's past: recorded as seen, not handled.
    const joinedAt = events.findLastIndex((event) => isOwnJoin(event, userId));
    for (const [index, event] of events.entries()) {
      const history = index < joinedAt || (initial && event.origin_server_ts < startedAt);
      await this.#event(roomId, event, history);
    }
  }

  async #gap(roomId: string, prevBatch: string): Promise<readonly MatrixEvent[]> {
    const { seen, userId, fetchBack, log } = this.#options;
    const max = this.#options.maxGapEvents ?? 1000;
    const gap = await fillGap(
      prevBatch,
      (from) => fetchBack(roomId, from),
      async (event) => isOwnJoin(event, userId) || (await seen.has(event.event_id)),
      max,
    );
    if (!gap.complete)
      log(`matrix: gap in ${roomId} longer than ${max} events; older missed events are skipped`);
    return gap.events;
  }

  async #event(roomId: string, event: MatrixEvent, history: boolean): Promise<void> {
    const { seen, handlers, log } = this.#options;
    if (await seen.has(event.event_id)) return;
    if (!history) {
      try {
        await handlers.event(roomId, event);
      } catch (error) {
        if (error instanceof RetryBatch) throw error; // not seen: handed over again
        log(`matrix: handler failed on ${event.event_id} in ${roomId}: ${message(error)}`);
      }
    }
    await seen.add(roomId, event.event_id);
  }

  /** Joins rooms the predicate allows and declines the rest; failures are logged, not retried. */
  async #invite(roomId: string, room: unknown): Promise<void> {
    const { userId, handlers, join, decline, log } = this.#options;
    const stripped = record(record(room)["invite_state"])["events"];
    const invite = (Array.isArray(stripped) ? stripped : [])
      .map(record)
      .find(
        (event) =>
          event["type"] === "m.room.member" &&
          event["state_key"] === userId &&
          record(event["content"])["membership"] === "invite",
      );
    if (invite === undefined) return;
    const inviter = typeof invite["sender"] === "string" ? invite["sender"] : "";
    try {
      const allowed = await handlers.allowInvite({ roomId, inviter });
      log(`matrix: invite to ${roomId} by ${inviter}: ${allowed ? "joining" : "declining"}`);
      await (allowed ? join(roomId) : decline(roomId));
    } catch (error) {
      // Retrying the whole batch would not help a room that cannot be joined; the invite stays
      // pending on the homeserver.
      log(`matrix: invite to ${roomId} by ${inviter} failed: ${message(error)}`);
    }
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
