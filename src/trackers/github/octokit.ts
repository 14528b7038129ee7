import { format } from "node:util";
import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import {
  octokitAuth,
  renewRefusedTokens,
  throttleId,
  watchSecrets,
  type GitHubAuth,
} from "./auth.ts";
import { redact } from "./errors.ts";

/**
 * Octokit for one tracker, configured so that retries can never duplicate a write
 * (shared/notes/trackers.md §2.7):
 * - plugin-retry re-sends failed requests of every method, POST included, after a 5xx or a lost
 *   connection. That is only safe for idempotent calls, so the two creating calls (issue, comment)
 *   pass `request: { retries: 0 }` (NO_RETRY below).
 * - 429 joins plugin-retry's `doNotRetry`, so rate limits belong to plugin-throttling alone,
 *   which waits as long as GitHub asks (retry-after, reset time). A limit answer means nothing was
 *   done, so retrying it is safe for every call, POST included.
 */
const GitHubOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

/** Per-request options for calls that create something: exactly one attempt. */
export const NO_RETRY = { retries: 0 } as const;

/** How waiting is timed. Production uses the defaults; tests shrink the clock. */
export interface GitHubPacing {
  /**
   * Milliseconds per second of waiting: scales GitHub's `retry-after` and rate-limit resets and
   * plugin-retry's backoff (1, 4, 9 s). Default 1000. A test can set 10 and still see the waits
   * happen, in the order and proportion GitHub asked for.
   */
  readonly secondMs?: number | undefined;
  /**
   * Keep plugin-throttling's spacing of writes (1 s apart; 3 s for creating issues and comments,
   * which notify people). Default true; tests turn it off.
   */
  readonly spaceWrites?: boolean | undefined;
  /**
   * Longest rate-limit wait (in GitHub's seconds) to sit out inside one call. A longer one, such as
   * a primary limit resetting in 40 minutes, fails with "retry-later" so the engine reschedules
   * instead of holding the run. Default 120.
   */
  readonly maxWaitS?: number | undefined;
}

export interface ClientOptions {
  readonly baseUrl: string;
  readonly auth: GitHubAuth;
  /**
   * Blanked out of every log line; with an app, the JWTs and installation tokens seen on the wire
   * are added to it (the caller's error messages read the same list).
   */
  readonly secrets: string[];
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly pacing: GitHubPacing;
  readonly userAgent: string;
  /** One line per warning (rate-limit waits, Octokit's own warnings); secrets already blanked. */
  readonly log: (line: string) => void;
}

/** Attempts after the first when GitHub answers with a rate limit. */
const LIMIT_RETRIES = 2;

export function createClient(options: ClientOptions): GitHubClient {
  const secondMs = options.pacing.secondMs ?? 1000;
  const maxWaitS = options.pacing.maxWaitS ?? 120;
  const { log, auth, secrets } = options;
  const onLimit =
    (kind: string) =>
    (
      waitS: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      const again = retryCount < LIMIT_RETRIES && waitS <= maxWaitS;
      log(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: ` +
          (again
            ? `waiting ${waitS} s (retry ${retryCount + 1} of ${LIMIT_RETRIES})`
            : `giving up (asked to wait ${waitS} s)`),
      );
      return again;
    };
  const spacing: Partial<ThrottlingOptions> =
    options.pacing.spaceWrites === false ? { write: UNPACED, notifications: UNPACED } : {};
  // With an app, auth-app sends its mints through this client's own request: the same baseUrl (so
  // GitHub Enterprise works), fetch, timeout, retries and rate-limit waits.
  const wire = auth.app === undefined ? options.fetch : watchSecrets(options.fetch, secrets);
  const client = new GitHubOctokit({
    baseUrl: options.baseUrl,
    ...octokitAuth(auth),
    userAgent: options.userAgent,
    request: { fetch: withTimeout(wire, options.timeoutMs) },
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...args: unknown[]) => {
        log(redact(format(...args), secrets));
      },
      // Octokit logs every failed request here, each expected 304 and 404 included; failures
      // reach the caller as TrackerErrors instead.
      error: () => undefined,
    },
    retry: {
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      retryAfterBaseValue: secondMs,
    },
    throttle: {
      // Spacing is shared by every tracker of one token (or app installation) on one server.
      id: throttleId(options.baseUrl, auth),
      retryAfterBaseValue: secondMs,
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
      ...spacing,
    },
  });
  if (auth.app !== undefined) renewRefusedTokens(client);
  return client;
}

/**
 * Aborts every single HTTP attempt after `ms` (a retry gets a fresh allowance; time spent waiting
 * out a rate limit does not count). Octokit turns the abort into a RequestError whose cause is the
 * TimeoutError.
 */
function withTimeout(base: typeof fetch, ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal == null ? timeout : AbortSignal.any([init.signal, timeout]);
    return base(input, { ...init, signal });
  };
}

/**
 * Stands in for plugin-throttling's Bottleneck groups when spacing is off: runs each job at once.
 * The plugin only calls `group.key(id).schedule(options, job)`.
 */
const UNPACED = {
  key: () => ({ schedule: (_options: unknown, job: () => Promise<unknown>) => job() }),
} as unknown as NonNullable<ThrottlingOptions["write"]>;
