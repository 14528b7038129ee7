import { TrackerError, type ListOptions, type ListResult, type RemoteIssue } from "../tracker.ts";
import { unreadable, type RepoContext } from "./context.ts";
import { isHttpError } from "./errors.ts";
import { isPullRequest, parseIssue, toRemoteIssue } from "./issue-map.ts";

/**
 * Lists matching issues, most recently updated first, following every page.
 *
 * Only page 1 is asked conditionally, with the ETag stored under its full URL. Sorted by update
 * time, newest first, any edit to any matching issue moves that issue to the top of page 1, so
 * page 1 unchanged (304, which costs no quota) means the listing is unchanged: one read instead of
 * one per page. (Not seen this way: an issue leaving the set, by deletion or losing the label,
 * while it sat beyond page 1.)
 */
export async function listIssues(ctx: RepoContext, options: ListOptions): Promise<ListResult> {
  const { client, owner, repo, cache, perPage } = ctx;
  const params = {
    owner,
    repo,
    state: "all",
    ...(options.label === undefined ? {} : { labels: options.label }),
    ...(options.since === undefined ? {} : { since: options.since }),
    sort: "updated",
    direction: "desc",
    per_page: perPage,
  } as const;
  const key = client.rest.issues.listForRepo.endpoint(params).url;
  const stored = cache.get(key);
  const action = `listing the issues of ${ctx.name}`;
  return ctx.run(action, "read", async () => {
    let first;
    try {
      first = await client.rest.issues.listForRepo({
        ...params,
        headers: stored === undefined ? {} : { "if-none-match": stored.etag },
      });
    } catch (error) {
      if (isHttpError(error) && error.status === 304) return { issues: null };
      throw error;
    }
    const issues: RemoteIssue[] = [];
    const collect = (data: unknown) => {
      if (!Array.isArray(data)) throw unreadable(action, "read");
      for (const item of data) {
        const issue = parseIssue(item);
        if (issue === null) throw unreadable(action, "read");
        if (!isPullRequest(issue)) issues.push(toRemoteIssue(issue));
      }
    };
    collect(first.data);
    let next = nextPage(first.headers.link, key, action);
    while (next !== undefined) {
      const page = await client.request({ method: "GET", url: next });
      collect(page.data);
      next = nextPage(page.headers.link, key, action);
    }
    // Stored only once every page was read: a later 304 must mean "you already have all of it".
    const etag = first.headers.etag;
    if (etag !== undefined) cache.set(key, etag, "");
    return { issues };
  });
}

/**
 * The `rel="next"` URL of a Link header. Only followed on GitHub's own origin: Octokit sends the
 * token with every request, so a Link pointing elsewhere must not be obeyed.
 */
function nextPage(link: string | undefined, firstUrl: string, action: string): string | undefined {
  const url = link === undefined ? undefined : /<([^>]*)>\s*;\s*rel="next"/.exec(link)?.[1];
  if (url === undefined) return undefined;
  const origin = URL.parse(url)?.origin;
  if (origin !== new URL(firstUrl).origin)
    throw new TrackerError(
      `${action}: the next page is off-site (${origin ?? url})`,
      "retry-later",
    );
  return url;
}
