import type { HttpCache } from "../http-cache.ts";
import { TrackerError } from "../tracker.ts";
import { toTrackerError, type CallKind } from "./errors.ts";
import type { GitHubClient } from "./octokit.ts";

/** What the parts of the GitHub adapter share: one repository, one client, one cache. */
export interface RepoContext {
  readonly client: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  /** `owner/repo`, for messages. */
  readonly name: string;
  /** Page size of listings (GitHub allows up to 100). */
  readonly perPage: number;
  readonly cache: HttpCache;
  /**
   * Runs one GitHub call, turning its failure into a TrackerError; `action` says what was being
   * done, for the message ("creating an issue in fedora-eln/eln").
   */
  run<T>(action: string, kind: CallKind, call: () => Promise<T>): Promise<T>;
}

export function repoContext(
  fields: Omit<RepoContext, "run" | "name">,
  secrets: readonly string[],
): RepoContext {
  return {
    ...fields,
    name: `${fields.owner}/${fields.repo}`,
    run: async (action, kind, call) => {
      try {
        return await call();
      } catch (error) {
        throw toTrackerError(error, action, kind, secrets);
      }
    },
  };
}

/** For an answer GitHub gave but we cannot read: after a write, whether it happened is unknown. */
export function unreadable(action: string, kind: CallKind): TrackerError {
  return new TrackerError(
    `${action}: GitHub's answer could not be read`,
    kind === "write" ? "unknown" : "retry-later",
  );
}
