import { readFileSync } from "node:fs";
import { ConfigError } from "../config/load-config.ts";
import { readSecret } from "../config/read-secret.ts";
import { resolveToken } from "../config/resolve-token.ts";
import type { Config } from "../config/schema.ts";
import type { TrackerConfig } from "../config/tracker-schema.ts";
import type { HttpCache } from "../trackers/http-cache.ts";
import { privateKeyProblem, type GitHubAuth } from "../trackers/github/auth.ts";
import { createGitHubTracker } from "../trackers/github/github-tracker.ts";
import { createPagureTracker } from "../trackers/pagure/pagure-tracker.ts";
import type { ConfiguredTracker } from "./run-sync.ts";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Adapters for every tracker in the config. Tokens and app keys are read here (environment or
 * file) and handed to the adapter only; a missing one is a ConfigError naming the key.
 */
export function openTrackers(
  config: Config,
  options: {
    readonly env: Env;
    readonly cache: HttpCache;
    readonly log: (line: string) => void;
  },
): ConfiguredTracker[] {
  return config.trackers.map((t, index) => {
    const tracker =
      t.type === "github"
        ? createGitHubTracker({
            owner: t.owner,
            repo: t.repo,
            baseUrl: t.baseUrl,
            ...githubAuth(t, index, options.env),
            cache: options.cache,
            pacing: { spaceWrites: t.spaceWrites },
            log: options.log,
          })
        : createPagureTracker({
            baseUrl: t.baseUrl,
            project: t.project,
            token: resolveToken(t, index, options.env),
            closeStatus: t.closeStatus,
            minIntervalMs: t.minIntervalMs,
          });
    return { config: t, tracker };
  });
}

/** A GitHub tracker's token, or its app with the app's whole PEM key (checked before any call). */
function githubAuth(
  t: Extract<TrackerConfig, { type: "github" }>,
  index: number,
  env: Env,
): GitHubAuth {
  if (t.app === undefined) return { token: resolveToken(t, index, env) };
  const at = `trackers.${String(index)}.app`;
  const keys = { env: `${at}.privateKeyEnv`, file: `${at}.privateKeyFile` };
  const privateKey = readSecret(
    { env: t.app.privateKeyEnv, file: t.app.privateKeyFile },
    keys,
    env,
    (path) => readFileSync(path, "utf8"),
    { whole: true },
  );
  const problem = privateKeyProblem(privateKey);
  if (problem !== null) {
    const where =
      t.app.privateKeyEnv === undefined
        ? `${keys.file}: ${String(t.app.privateKeyFile)}`
        : `${keys.env}: ${t.app.privateKeyEnv}`;
    throw new ConfigError(`${where}: ${problem}`);
  }
  return { app: { appId: t.app.appId, installationId: t.app.installationId, privateKey } };
}
