import type { IStorageProvider } from "matrix-bot-sdk";
import { noticeContent, reactionContent } from "./content.ts";
import { isMatrixEvent } from "./event.ts";
import { redactingLog, sdkLogger } from "./log.ts";
import type {
  MatrixEvent,
  MatrixPort,
  MessagesPage,
  MessagesQuery,
  Notice,
  SyncHandlers,
} from "./port.ts";
import { withRateLimitRetry, type RequestFn } from "./rate-limit.ts";
import { loadSdk } from "./sdk.ts";
import type { SeenStore } from "./seen.ts";
import { syncClientClass, type SyncClient } from "./sync-client.ts";
import { SyncDispatcher } from "./sync-dispatch.ts";
import { MemoryKeyValueStore, syncStorage, type KeyValueStore } from "./sync-store.ts";

export const DEFAULT_TOKEN_ENV = "SIGMEET_MATRIX_TOKEN";

/**
 * Chosen once: a different filter (or none stored) makes the SDK create a new one and drop the
 * sync token, i.e. a fresh initial sync. A high timeline limit keeps gaps, and gap fills, rare.
 */
export const SYNC_FILTER = { room: { timeline: { limit: 100 } } } as const;

export interface MatrixPortOptions {
  /** Client-server API base, e.g. https://fedora.ems.host */
  readonly homeserverUrl: string;
  /** The access token is read from here only (never from the config file), never logged. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default SIGMEET_MATRIX_TOKEN. */
  readonly tokenEnv?: string;
  readonly seen: SeenStore;
  /** Sync token and filter id; in memory by default, which means an initial sync every start. */
  readonly store?: KeyValueStore;
  /** One line per call; the token is blanked from everything, the SDK's own lines included. */
  readonly log: (line: string) => void;
  /** Replaces the SDK's HTTP function (`request`-compatible); for tests. */
  readonly request?: RequestFn;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** /sync long-poll timeout; default 30 s. */
  readonly syncTimeoutMs?: number;
}

export function accessTokenFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string = DEFAULT_TOKEN_ENV,
): string {
  const token = env[name]?.trim() ?? "";
  if (token === "")
    throw new Error(`environment variable ${name} (Matrix access token) is not set`);
  return token;
}

/**
 * The port over matrix-bot-sdk. The SDK's HTTP function and logger are process-wide: the port
 * opened last owns them (one bot per process).
 */
export async function openMatrixPort(options: MatrixPortOptions): Promise<MatrixPort> {
  const token = accessTokenFromEnv(options.env, options.tokenEnv);
  const { sdk, request } = await loadSdk();
  const log = redactingLog(options.log, [token]);
  sdk.LogService.setLogger(sdkLogger(log));
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const retrying = withRateLimitRetry(options.request ?? request, { sleep, log });
  sdk.setRequestFn(retrying);
  const Client = syncClientClass(sdk);
  const store = syncStorage(options.store ?? new MemoryKeyValueStore());
  const client = new Client(options.homeserverUrl, token, store);
  if (options.syncTimeoutMs !== undefined) client.syncingTimeout = options.syncTimeoutMs;
  return new SdkMatrixPort(client, store, options, log);
}

class SdkMatrixPort implements MatrixPort {
  readonly #client: SyncClient;
  readonly #store: IStorageProvider;
  readonly #options: MatrixPortOptions;
  readonly #log: (line: string) => void;
  #state: "new" | "running" | "stopped" = "new";
  #txnCounter = 0;
  #batch: Promise<void> = Promise.resolve();

  constructor(
    client: SyncClient,
    store: IStorageProvider,
    options: MatrixPortOptions,
    log: (line: string) => void,
  ) {
    this.#client = client;
    this.#store = store;
    this.#options = options;
    this.#log = log;
  }

  async whoAmI(): Promise<{ userId: string; deviceId?: string }> {
    const who = await this.#client.getWhoAmI();
    return who.device_id === undefined
      ? { userId: who.user_id }
      : { userId: who.user_id, deviceId: who.device_id };
  }

  sendNotice(roomId: string, notice: Notice, txnId?: string): Promise<string> {
    return this.#send(roomId, "m.room.message", noticeContent(notice), txnId);
  }

  react(roomId: string, eventId: string, key: string, txnId?: string): Promise<string> {
    return this.#send(roomId, "m.reaction", reactionContent(eventId, key), txnId);
  }

  // Not the SDK's sendEvent (it first asks the absent crypto whether to encrypt) nor sendRawEvent
  // (it makes up its own transaction id, so a resend after a crash would post a copy).
  async #send(
    roomId: string,
    type: string,
    content: Record<string, unknown>,
    txnId: string = `sigmeet.${String(Date.now())}.${String(++this.#txnCounter)}`,
  ): Promise<string> {
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(type)}/${encodeURIComponent(txnId)}`;
    const answer = (await this.#client.doRequest("PUT", path, null, content)) as {
      event_id?: unknown;
    };
    if (typeof answer.event_id !== "string")
      throw new Error(`homeserver answered a ${type} send in ${roomId} without an event id`);
    return answer.event_id;
  }

  redact(roomId: string, eventId: string, reason?: string): Promise<string> {
    return this.#client.redactEvent(roomId, eventId, reason ?? null);
  }

  async roomState(roomId: string): Promise<readonly MatrixEvent[]> {
    const state: unknown = await this.#client.getRoomState(roomId);
    return Array.isArray(state) ? state.filter(isMatrixEvent) : [];
  }

  async messages(roomId: string, query: MessagesQuery): Promise<MessagesPage> {
    const qs: Record<string, string | number> = { dir: query.dir };
    if (query.from !== undefined) qs["from"] = query.from;
    if (query.limit !== undefined) qs["limit"] = query.limit;
    if (query.filter !== undefined) qs["filter"] = JSON.stringify(query.filter);
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages`;
    const page = (await this.#client.doRequest("GET", path, qs)) as Record<string, unknown>;
    const events = Array.isArray(page["chunk"]) ? page["chunk"].filter(isMatrixEvent) : [];
    // The spec: no `end` means no more history in that direction.
    return typeof page["end"] === "string" ? { events, end: page["end"] } : { events };
  }

  joinRoom(roomIdOrAlias: string, via: readonly string[] = []): Promise<string> {
    return this.#client.joinRoom(roomIdOrAlias, [...via]);
  }

  async resolveAlias(alias: string): Promise<string | null> {
    const path = `/_matrix/client/v3/directory/room/${encodeURIComponent(alias)}`;
    try {
      const answer = (await this.#client.doRequest("GET", path)) as { room_id?: unknown };
      return typeof answer.room_id === "string" ? answer.room_id : null;
    } catch (error) {
      if ((error as { errcode?: unknown }).errcode === "M_NOT_FOUND") return null;
      throw error;
    }
  }

  async leaveRoom(roomId: string, reason?: string): Promise<void> {
    await this.#client.leaveRoom(roomId, reason);
  }

  async start(handlers: SyncHandlers): Promise<void> {
    // The SDK cannot restart cleanly: a long-poll left over from the first run would be
    // processed by the second loop as well.
    if (this.#state !== "new") throw new Error("a Matrix port syncs once; open a new one");
    this.#state = "running";
    const { userId } = await this.whoAmI();
    const dispatcher = new SyncDispatcher({
      userId,
      handlers,
      seen: this.#options.seen,
      fetchBack: (roomId, from) => this.messages(roomId, { from, dir: "b", limit: 100 }),
      join: (roomId) => this.joinRoom(roomId),
      decline: (roomId) =>
        this.leaveRoom(roomId, "This bot only joins rooms it is configured for."),
      log: this.#log,
      startedAt: (this.#options.now ?? Date.now)(),
    });
    this.#client.sink = {
      dispatch: (raw, initial) => {
        this.#batch = (async () => {
          await dispatcher.dispatch(raw, initial);
          // The SDK (persistTokenAfterSync) saves this token too, but only after processSync has
          // returned; saving it here as well lets stop() wait until the finished batch is saved.
          const next = (raw as { next_batch?: unknown } | null)?.next_batch;
          if (typeof next === "string") await this.#store.setSyncToken(next);
        })();
        return this.#batch;
      },
    };
    await this.#client.start(SYNC_FILTER);
  }

  async stop(): Promise<void> {
    this.#state = "stopped";
    this.#client.sink = undefined;
    this.#client.stop();
    await this.#batch.catch(() => undefined); // its failure was the SDK's to log
  }
}
