import { z } from "zod";
import type { CloseReason, RemoteIssue } from "../tracker.ts";

/**
 * GitHub's issue JSON, reduced to the fields the port needs. Parsing (rather than trusting
 * Octokit's compile-time types) matters in two places: an answer whose body was cut off reaches
 * us as an empty string, and a stored copy read back from the HttpCache may predate this code.
 * Parsing strips every other field, so the stored copy stays small.
 */
const GitHubIssue = z.object({
  /** GitHub's global id; `duplicate_issue_id` wants it, not the number. */
  id: z.number(),
  number: z.int().positive(),
  html_url: z.string(),
  title: z.string(),
  body: z.string().nullish(),
  state: z.enum(["open", "closed"]),
  state_reason: z.string().nullish(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string().optional() })])),
  assignees: z.array(z.object({ login: z.string() })).nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  /** Present (an object) only on pull requests, which GitHub lists among issues. */
  pull_request: z.unknown().optional(),
});

export type GitHubIssue = z.infer<typeof GitHubIssue>;

/** The issue in `data`, or null when the data is not an issue. */
export function parseIssue(data: unknown): GitHubIssue | null {
  const parsed = GitHubIssue.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export function isPullRequest(issue: GitHubIssue): boolean {
  return issue.pull_request != null;
}

const REASONS: ReadonlyMap<string, CloseReason> = new Map([
  ["completed", "completed"],
  ["not_planned", "not_planned"],
  ["duplicate", "duplicate"],
]);

export function toRemoteIssue(issue: GitHubIssue): RemoteIssue {
  return {
    number: issue.number,
    url: issue.html_url,
    title: issue.title,
    body: issue.body ?? "",
    state: issue.state,
    // "reopened" describes an open issue; a closed one without a reason keeps null (unknown).
    closeReason: issue.state === "closed" ? (REASONS.get(issue.state_reason ?? "") ?? null) : null,
    labels: issue.labels.flatMap((l) =>
      typeof l === "string" ? [l] : l.name === undefined ? [] : [l.name],
    ),
    assignees: (issue.assignees ?? []).map((a) => a.login),
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
  };
}
