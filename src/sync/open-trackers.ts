import { resolveToken } from "../config/resolve-token.ts";
import type { Config } from "../config/schema.ts";
import type { HttpCache } from "../trackers/http-cache.ts";
import { createGitHubTracker } from "../trackers/github/github-tracker.ts";
import { createPagureTracker } from "../trackers/pagure/pagure-tracker.ts";
import type { ConfiguredTracker } from "./run-sync.ts";

/**
 * Adapters for every tracker in the config. Tokens are read here (environment or file) and handed
 * to the adapter only; a missing one is a ConfigError naming the key.
 */
export function openTrackers(
  config: Config,
  options: {
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly cache: HttpCache;
    readonly log: (line: string) => void;
  },
): ConfiguredTracker[] {
  return config.trackers.map((t, index) => {
    const token = resolveToken(t, index, options.env);
    const tracker =
      t.type === "github"
        ? createGitHubTracker({
            owner: t.owner,
            repo: t.repo,
            baseUrl: t.baseUrl,
            token,
            cache: options.cache,
            pacing: { spaceWrites: t.spaceWrites },
            log: options.log,
          })
        : createPagureTracker({
            baseUrl: t.baseUrl,
            project: t.project,
            token,
            closeStatus: t.closeStatus,
            minIntervalMs: t.minIntervalMs,
          });
    return { config: t, tracker };
  });
}
