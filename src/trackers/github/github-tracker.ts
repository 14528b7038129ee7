import { memoryHttpCache, type HttpCache } from "../http-cache.ts";
import {
  TrackerError,
  type CreatedIssue,
  type NewIssue,
  type RemoteIssue,
  type Tracker,
} from "../tracker.ts";
import { AssigneeCheck, dropped, type Refusal } from "./assignees.ts";
import { initialSecrets, privateKeyProblem, type GitHubAuth } from "./auth.ts";
import { repoContext, unreadable } from "./context.ts";
import { githubMessage, isHttpError, validationErrors } from "./errors.ts";
import { parseIssue, toRemoteIssue } from "./issue-map.ts";
import { readIssue } from "./issue-read.ts";
import { LabelSync } from "./labels.ts";
import { listIssues } from "./listing.ts";
import { createClient, NO_RETRY, type GitHubPacing } from "./octokit.ts";

/**
 * The adapter's options, with its credentials (GitHubAuth): `token`, a personal access token or an
 * installation token, or `app`, a GitHub App installation. Never logged, never in a message.
 */
export type GitHubTrackerOptions = GitHubTrackerSettings & GitHubAuth;

export interface GitHubTrackerSettings {
  readonly owner: string;
  readonly repo: string;
  /** REST API root. Default https://api.github.com; GitHub Enterprise: `https://HOST/api/v3`. */
  readonly baseUrl?: string | undefined;
  /** ETags and what was made of them, kept between runs. Default: in memory, this tracker only. */
  readonly cache?: HttpCache | undefined;
  /** Default: the global fetch. Tests pass the GitHub fake's. */
  readonly fetch?: typeof fetch | undefined;
  /** Each HTTP attempt is aborted after this long. Default 30 000 ms. */
  readonly timeoutMs?: number | undefined;
  /** Rate-limit waits and write spacing; see GitHubPacing. */
  readonly pacing?: GitHubPacing | undefined;
  /** Page size of listings. Default 100, GitHub's maximum; tests use small pages. */
  readonly perPage?: number | undefined;
  /** Default `sigmeet` (Octokit appends its own). */
  readonly userAgent?: string | undefined;
  /** Warnings, one line each (rate-limit waits, Octokit notices). Default: console.warn. */
  readonly log?: ((line: string) => void) | undefined;
}

/** The Tracker port on one GitHub repository, through Octokit. */
export function createGitHubTracker(options: GitHubTrackerOptions): Tracker {
  const baseUrl = (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const { owner, repo } = options;
  const auth: GitHubAuth =
    options.app === undefined ? { token: options.token } : { app: options.app };
  const problem = options.app === undefined ? null : privateKeyProblem(options.app.privateKey);
  // Checked here so that a bad key fails at once, not as an "unknown" outcome of the first write.
  if (problem !== null) throw new TypeError(`GitHub App ${String(options.app?.appId)}: ${problem}`);
  const secrets = initialSecrets(auth);
  const client = createClient({
    baseUrl,
    auth,
    secrets,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    pacing: options.pacing ?? {},
    userAgent: options.userAgent ?? "sigmeet",
    log:
      options.log ??
      ((line) => {
        console.warn(line);
      }),
  });
  const ctx = repoContext(
    {
      client,
      owner,
      repo,
      perPage: options.perPage ?? 100,
      cache: options.cache ?? memoryHttpCache(),
    },
    secrets,
  );
  const where = ctx.name;
  const assignees = new AssigneeCheck(ctx);
  const labels = new LabelSync(ctx);

  const parsed = (data: unknown, action: string): RemoteIssue => {
    const issue = parseIssue(data);
    if (issue === null) throw unreadable(action, "write");
    return toRemoteIssue(issue);
  };
  const missing = (action: string, number: number) =>
    new TrackerError(`${action}: issue #${number} does not exist`, "rejected", { status: 404 });

  return {
    type: "github",
    key: `github:${baseUrl}/${owner}/${repo}`,
    label: `${where} on GitHub`,

    ensureLabels: (wanted) => labels.ensure(wanted),

    async createIssue(issue: NewIssue): Promise<CreatedIssue> {
      const { assignable, refused } = await assignees.sort(issue.assignees);
      const action = `creating an issue in ${where}`;
      const create = (logins: string[]) =>
        client.rest.issues.create({
          owner,
          repo,
          title: issue.title,
          body: issue.body,
          labels: [...issue.labels],
          assignees: logins,
          request: NO_RETRY,
        });
      let sent = assignable;
      const response = await ctx.run(action, "write", async () => {
        try {
          return await create(sent);
        } catch (error) {
          // Someone stopped being assignable since we checked (answers are kept per tracker).
          // A 422 proves nothing was created, so one more create cannot make a duplicate.
          if (sent.length === 0 || !refusesAssignees(error)) throw error;
          const why = isHttpError(error) ? githubMessage(error.response?.data) : "";
          refused.push(...sent.map((login) => ({ login, reason: `GitHub refused: ${why}` })));
          assignees.forget(sent);
          sent = [];
          return await create(sent);
        }
      });
      const created = parsed(response.data, action);
      return { issue: created, refusedAssignees: [...refused, ...silentlyDropped(sent, created)] };
    },

    async updateIssue(number, changes) {
      const action = `updating issue #${number} of ${where}`;
      if (changes.title === undefined && changes.body === undefined) {
        const current = await readIssue(ctx, number);
        if (current === null) throw missing(action, number);
        return toRemoteIssue(current);
      }
      const response = await ctx.run(action, "write", () =>
        client.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          ...(changes.title === undefined ? {} : { title: changes.title }),
          ...(changes.body === undefined ? {} : { body: changes.body }),
        }),
      );
      return parsed(response.data, action);
    },

    async setState(number, state, reason, duplicateOf) {
      const action = `${state === "open" ? "reopening" : "closing"} issue #${number} of ${where}`;
      // Read first (conditionally, so usually free): a PATCH that changes nothing would still
      // spend a write, and "closing" a closed issue again adds a close event to its timeline.
      const current = await readIssue(ctx, number);
      if (current === null) throw missing(action, number);
      if (current.state === state && (state === "open" || reason === undefined)) return;
      if (state === "closed" && current.state === "closed" && current.state_reason === reason)
        return;
      let duplicateId: number | undefined;
      if (state === "closed" && reason === "duplicate" && duplicateOf !== undefined) {
        // GitHub wants the original's global id, not its number.
        const original = await readIssue(ctx, duplicateOf);
        if (original === null) throw missing(action, duplicateOf);
        duplicateId = original.id;
      }
      await ctx.run(action, "write", () =>
        client.rest.issues.update({
          owner,
          repo,
          issue_number: number,
          state,
          state_reason: state === "open" ? "reopened" : (reason ?? "completed"),
          ...(duplicateId === undefined ? {} : { duplicate_issue_id: duplicateId }),
        }),
      );
    },

    async addAssignees(number, logins) {
      const { assignable, refused } = await assignees.sort(logins);
      if (assignable.length === 0) return refused;
      const action = `assigning issue #${number} of ${where}`;
      const response = await ctx.run(action, "write", () =>
        client.rest.issues.addAssignees({
          owner,
          repo,
          issue_number: number,
          assignees: assignable,
        }),
      );
      return [...refused, ...silentlyDropped(assignable, parsed(response.data, action))];
    },

    async comment(number, body) {
      await ctx.run(`commenting on issue #${number} of ${where}`, "write", () =>
        client.rest.issues.createComment({
          owner,
          repo,
          issue_number: number,
          body,
          request: NO_RETRY,
        }),
      );
    },

    async listComments(number) {
      const all = await ctx.run(
        `listing the comments on issue #${number} of ${where}`,
        "read",
        () =>
          client.paginate(client.rest.issues.listComments, {
            owner,
            repo,
            issue_number: number,
            per_page: ctx.perPage,
          }),
      );
      return all.map((c) => ({ body: c.body ?? "", createdAt: c.created_at }));
    },

    async getIssue(number) {
      const issue = await readIssue(ctx, number);
      return issue === null ? null : toRemoteIssue(issue);
    },

    listIssues: (listOptions) => listIssues(ctx, listOptions),
  };

  /** Requested assignees GitHub's answer does not show; their cached check is dropped too. */
  function silentlyDropped(requested: readonly string[], issue: RemoteIssue): Refusal[] {
    const lost = dropped(requested, issue.assignees);
    assignees.forget(lost.map((r) => r.login));
    return lost;
  }
}

/** A 422 about the `assignees` (or older `assignee`) field of a create. */
function refusesAssignees(error: unknown): boolean {
  return validationErrors(error).some((e) => e.field === "assignees" || e.field === "assignee");
}
