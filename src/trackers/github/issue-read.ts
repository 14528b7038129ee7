import { unreadable, type RepoContext } from "./context.ts";
import { isHttpError } from "./errors.ts";
import { parseIssue, type GitHubIssue } from "./issue-map.ts";

/**
 * Reads one issue conditionally: with the ETag stored in the HttpCache as `If-None-Match`, an
 * unchanged issue costs no rate-limit quota and its stored copy is reused. Octokit reports the 304
 * by throwing (notes §2.5), hence the catch. Null when the issue is gone: 404 (never existed,
 * deleted), 410 (issues turned off), or moved to another repository (transferred).
 */
export async function readIssue(ctx: RepoContext, number: number): Promise<GitHubIssue | null> {
  const { client, owner, repo, cache } = ctx;
  const params = { owner, repo, issue_number: number };
  const key = client.rest.issues.get.endpoint(params).url;
  const stored = cache.get(key);
  const storedIssue = stored === undefined ? null : parseStored(stored.value);
  const action = `reading issue #${number} of ${ctx.name}`;
  return ctx.run(action, "read", async () => {
    try {
      const response = await client.rest.issues.get({
        ...params,
        headers:
          stored !== undefined && storedIssue !== null ? { "if-none-match": stored.etag } : {},
      });
      // A 301 reaches us only when redirects are not followed (a fetch with redirect "manual").
      const status: number = response.status;
      if (status >= 300) return null;
      const issue = parseIssue(response.data);
      if (issue === null) throw unreadable(action, "read");
      // fetch followed GitHub's redirect for a transferred issue: that is another issue now.
      if (issue.number !== number) return null;
      const etag = response.headers.etag;
      if (etag !== undefined) cache.set(key, etag, JSON.stringify(issue));
      return issue;
    } catch (error) {
      if (isHttpError(error)) {
        if (error.status === 304 && storedIssue !== null) return storedIssue;
        if (error.status === 404 || error.status === 410) return null;
      }
      throw error;
    }
  });
}

/** A stored copy, or null when it no longer parses (written by an older sigmeet, or damaged). */
function parseStored(value: string): GitHubIssue | null {
  try {
    return parseIssue(JSON.parse(value));
  } catch {
    return null;
  }
}
