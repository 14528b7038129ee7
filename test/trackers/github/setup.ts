import { expect } from "vitest";
import type { GitHubApp } from "../../../src/trackers/github/auth.ts";
import {
  createGitHubTracker,
  type GitHubTrackerSettings,
} from "../../../src/trackers/github/github-tracker.ts";
import { memoryHttpCache } from "../../../src/trackers/http-cache.ts";
import { TrackerError, type NewIssue } from "../../../src/trackers/tracker.ts";
import { GitHubFake, type GitHubFakeOptions } from "../../fakes/github-fake.ts";

/** Looks like a real token, so a leak would be recognisable (and is searched for). */
export const TOKEN = "ghp_SigmeetTest0123456789abcdefABCDEF0123";

/**
 * Milliseconds per GitHub second in these tests: a `retry-after: 1` costs 20 ms, still long enough
 * to measure that the wait happened.
 */
export const SECOND_MS = 20;

export const REPO = "/repos/fedora-eln/eln";

export interface SetupOptions extends Partial<GitHubTrackerSettings> {
  /** Sign in as this app instead of with TOKEN. */
  readonly app?: GitHubApp;
  /** More for the fake: an app it knows, tokens it checks. */
  readonly fake?: Partial<GitHubFakeOptions>;
}

/** The fake GitHub and a tracker on it, with write spacing off and the clock shrunk. */
export function setup(setupOptions: SetupOptions = {}) {
  const { app, fake: fakeOptions, ...options } = setupOptions;
  const fake = new GitHubFake({
    owner: "fedora-eln",
    repo: "eln",
    assignable: ["sgallagh", "yselkowitz"],
    ...fakeOptions,
  });
  const lines: string[] = [];
  const cache = memoryHttpCache();
  const tracker = createGitHubTracker({
    owner: "fedora-eln",
    repo: "eln",
    ...(app === undefined ? { token: TOKEN } : { app }),
    fetch: fake.fetch,
    cache,
    pacing: { secondMs: SECOND_MS, spaceWrites: false },
    log: (line) => lines.push(line),
    ...options,
  });
  return { fake, tracker, lines, cache };
}

export function item(title: string, extra: Partial<NewIssue> = {}): NewIssue {
  return {
    title,
    body: `body of ${title}\n\n<!-- sigmeet:item sm1-0123456789abcdef01234567 -->`,
    labels: ["meeting-action"],
    assignees: [],
    ...extra,
  };
}

/** The TrackerError a promise rejects with (fails the test if it resolves or throws another). */
export async function failure(promise: Promise<unknown>): Promise<TrackerError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TrackerError);
    return error as TrackerError;
  }
  throw new Error("expected a TrackerError");
}

/** How many requests matched `METHOD /path`. */
export function count(fake: GitHubFake, call: string): number {
  return fake.calls.filter((c) => c === call).length;
}
