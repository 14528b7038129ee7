import type { Config } from "../config/schema.ts";
import type { TrackerConfig } from "../config/tracker-schema.ts";
import type { Store } from "../store/index.ts";
import { formatReport } from "../sync/report.ts";
import { runSync } from "../sync/run-sync.ts";
import { withSyncLock } from "../sync/sync-lock.ts";
import { trackerTakes } from "../sync/tracker-target.ts";

/** What a room's sync did, for the bot to post. */
export interface RoomSyncOutcome {
  /** `formatReport` lines, one tracker after another. */
  readonly report: readonly string[];
  /** One line per item or tracker that failed (retried at the next sync). */
  readonly problems: readonly string[];
}

/** The meetings a room's sync covers: all of the room's, or the one just ended. */
export interface RoomSyncScope {
  readonly channel: string;
  readonly meetings: readonly { readonly name: string; readonly startedAt: string }[];
}

/** Runs the tracker sync for the trackers that take a room's meetings; null when none does. */
export type RoomSync = (scope: RoomSyncScope) => Promise<RoomSyncOutcome | null>;

export function trackersFor(config: Config, scope: RoomSyncScope): TrackerConfig[] {
  return config.trackers.filter((t) =>
    scope.meetings.some((m) => trackerTakes(t, { channel: scope.channel, ...m })),
  );
}

/**
 * The real thing: the same engine as `sigmeet sync`, on the trackers that take the room, under the
 * store's sync lock (a `sigmeet sync` run at the same moment waits for the next time).
 */
export function trackerRoomSync(
  config: Config,
  store: Store,
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void,
): RoomSync {
  return async (scope) => {
    const trackers = trackersFor(config, scope);
    if (trackers.length === 0) return null;
    // Loaded on first use: the HTTP clients cost start-up time a bot without trackers never needs.
    const { openTrackers } = await import("../sync/open-trackers.ts");
    const opened = openTrackers(
      { ...config, trackers },
      { env, cache: store.sync.httpCache(), log },
    );
    const run = await withSyncLock(store.sync, () =>
      runSync({ state: store.sync, config, trackers: opened, log }),
    );
    if (run.busy !== null)
      return { report: [], problems: [`another sync is running (${run.busy}); try again later`] };
    return {
      report: run.result.flatMap(formatReport),
      problems: run.result.flatMap((r) => r.failures.map((f) => `${f.item}: ${f.error}`)),
    };
  };
}
