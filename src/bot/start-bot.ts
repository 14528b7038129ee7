import { ConfigError } from "../config/load-config.ts";
import type { Config } from "../config/schema.ts";
import { aliasMap } from "../core/owners.ts";
import type { MatrixPort } from "../matrix/port.ts";
import type { Store } from "../store/index.ts";
import { MeetingBot } from "./meeting-bot.ts";
import { trackerRoomSync, type RoomSync } from "./room-sync.ts";

export interface StartBotOptions {
  readonly config: Config;
  readonly store: Store;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
  /** Replaces the Matrix port over matrix-bot-sdk (tests, benchmarks). */
  readonly port?: MatrixPort;
  /** Replaces the tracker sync. */
  readonly sync?: RoomSync;
  /** /sync long-poll timeout; default 30 s. */
  readonly syncTimeoutMs?: number;
}

export interface RunningBot {
  readonly userId: string;
  readonly bot: MeetingBot;
  /** Stops the event feed, then waits for the jobs in hand. */
  stop(): Promise<void>;
}

/** `sigmeet run`: opens the port, restores running meetings, joins the rooms, starts syncing. */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { config, store, log } = options;
  const matrix = config.matrix;
  if (matrix === undefined)
    throw new ConfigError(
      "matrix: not configured; `sigmeet run` needs matrix.homeserverUrl and matrix.rooms (see config/sigmeet.example.yaml)",
    );
  let port = options.port;
  if (port === undefined) {
    // Loaded here: the SDK (and its crypto stub) is needed by this command only.
    const { openMatrixPort } = await import("../matrix/sdk-port.ts");
    port = await openMatrixPort({
      homeserverUrl: matrix.homeserverUrl,
      env: options.env,
      tokenEnv: matrix.tokenEnv,
      seen: store.bot.seen,
      store: store.bot.values,
      log,
      ...(options.syncTimeoutMs === undefined ? {} : { syncTimeoutMs: options.syncTimeoutMs }),
    });
  }
  const { userId } = await port.whoAmI();
  const bot = new MeetingBot({
    port,
    store,
    matrix,
    userId,
    bots: config.bots,
    aliases: aliasMap(config.identities),
    logUrlBase: config.logUrlBase,
    sync: options.sync ?? trackerRoomSync(config, store, options.env, log),
    log,
  });
  await bot.restore();
  await bot.joinRooms();
  const running = port;
  await running.start({
    event: (roomId, event) => bot.handle(roomId, event),
    allowInvite: (invite) => bot.allowInvite(invite),
  });
  log(`matrix: ${userId} is running in ${String(matrix.rooms.length)} configured room(s)`);
  return {
    userId,
    bot,
    stop: async () => {
      await running.stop();
      await bot.idle();
    },
  };
}
