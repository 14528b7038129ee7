// The Matrix port: the few operations the bot needs, independent of matrix-bot-sdk, so the SDK
// (or an appservice transport later) can be swapped behind it and the bot tested with a fake.

/** A room event as the homeserver serves it (client format). Content is unvalidated. */
export interface MatrixEvent {
  readonly event_id: string;
  readonly type: string;
  readonly sender: string;
  readonly origin_server_ts: number;
  readonly content: Readonly<Record<string, unknown>>;
  readonly state_key?: string;
  /** Redactions in room versions 1–10 name their target here; v11+ in content.redacts. */
  readonly redacts?: string;
  readonly unsigned?: Readonly<Record<string, unknown>>;
}

/** Who an event mentions (`m.mentions`); empty means "nobody", which suppresses notifications. */
export interface Mentions {
  readonly userIds?: readonly string[];
  readonly room?: boolean;
}

export interface Notice {
  readonly body: string;
  /** Sent as `format: org.matrix.custom.html`; `body` stays the plain-text version. */
  readonly html?: string;
  /** Event id replied to (no legacy fallback is added; mention its sender yourself if wanted). */
  readonly replyTo?: string;
  /** The thread the replied-to event is in: the notice goes into that thread. */
  readonly threadRoot?: string;
  readonly mentions: Mentions;
}

export interface MessagesQuery {
  /** A pagination token; omitted = from the end (dir "b") or the start (dir "f") of the room. */
  readonly from?: string;
  readonly dir: "b" | "f";
  readonly limit?: number;
  /** A RoomEventFilter, e.g. `{ types: ["m.room.message"] }`. */
  readonly filter?: Readonly<Record<string, unknown>>;
}

export interface MessagesPage {
  readonly events: readonly MatrixEvent[];
  /** Token for the next page; absent when there is no more history in that direction. */
  readonly end?: string;
}

export interface InviteInfo {
  readonly roomId: string;
  /** The user who sent the invite. */
  readonly inviter: string;
}

export interface SyncHandlers {
  /**
   * Every timeline event of a joined room, once (deduplicated by event id), in timeline order per
   * room; rooms run concurrently. A throw is logged and the event still counts as handled, so one
   * bad event cannot wedge its room; except a {@link RetryBatch}, which fails the whole batch:
   * it is fetched again after the SDK's back-off and this event handed over again. The sync token
   * is saved only after all handlers of a batch have finished, so a crash replays the batch
   * (handled events are skipped as seen).
   */
  readonly event: (roomId: string, event: MatrixEvent) => Promise<void> | void;
  /** Invites to rooms this answers false for are declined (left with a reason). */
  readonly allowInvite: (invite: InviteInfo) => Promise<boolean> | boolean;
}

/** The live event feed (a /sync loop now; an appservice transaction feed could replace it). */
export interface MatrixEventSource {
  /** Resolves once the loop runs. */
  start(handlers: SyncHandlers): Promise<void>;
  /** Resolves when the batch in hand is done; a long-poll still in flight is discarded unsaved. */
  stop(): Promise<void>;
}

export interface MatrixPort extends MatrixEventSource {
  whoAmI(): Promise<{ readonly userId: string; readonly deviceId?: string }>;
  /**
   * Sends an `m.notice`; resolves to its event id. With a `txnId`, sending again with the same one
   * (after a crash, say) gives back the first event instead of a copy, while the homeserver still
   * remembers it (Synapse: about half an hour, same access token).
   */
  sendNotice(roomId: string, notice: Notice, txnId?: string): Promise<string>;
  /** Sends an `m.reaction` (annotation) with `key`, e.g. "✅"; resolves to its event id. */
  react(roomId: string, eventId: string, key: string, txnId?: string): Promise<string>;
  /** Resolves to the redaction's event id. */
  redact(roomId: string, eventId: string, reason?: string): Promise<string>;
  /** The room's current state as full events (with sender), e.g. for powerOf. */
  roomState(roomId: string): Promise<readonly MatrixEvent[]>;
  messages(roomId: string, query: MessagesQuery): Promise<MessagesPage>;
  /** Resolves to the joined room's id. */
  joinRoom(roomIdOrAlias: string, via?: readonly string[]): Promise<string>;
  /** The room an alias points to, or null when the alias is unknown. */
  resolveAlias(alias: string): Promise<string | null>;
  leaveRoom(roomId: string, reason?: string): Promise<void>;
}

/**
 * Thrown by an event handler that could not keep the event (its database failed, say): the event
 * must not count as handled, or it would be lost. The sync batch fails and comes again.
 */
export class RetryBatch extends Error {
  override readonly name = "RetryBatch";
}
