/**
 * GitHub REST objects as GitHub returns them (every field the OpenAPI description requires), for
 * the GitHub fake and its tests. Values follow api.github.com's URL scheme.
 */
const API = "https://api.github.com";

export function simpleUser(login: string, id: number): Record<string, unknown> {
  const url = `${API}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: "User",
    site_admin: false,
  };
}

export function label(
  owner: string,
  repo: string,
  name: string,
  id: number,
  color = "ededed",
  description: string | null = null,
): Record<string, unknown> {
  return {
    id,
    node_id: `LA_${id}`,
    url: `${API}/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    description,
    color,
    default: false,
  };
}

export interface IssueFields {
  owner: string;
  repo: string;
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: Record<string, unknown>;
  labels: Record<string, unknown>[];
  assignees: Record<string, unknown>[];
  state: "open" | "closed";
  stateReason: "completed" | "reopened" | "not_planned" | "duplicate" | null;
  comments: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Pull requests are issues too in GitHub's issue listings, told apart by this key. */
  pullRequest?: boolean;
}

export function issue(f: IssueFields): Record<string, unknown> {
  const url = `${API}/repos/${f.owner}/${f.repo}/issues/${f.number}`;
  return {
    id: f.id,
    node_id: `I_${f.id}`,
    url,
    repository_url: `${API}/repos/${f.owner}/${f.repo}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `https://github.com/${f.owner}/${f.repo}/issues/${f.number}`,
    number: f.number,
    state: f.state,
    state_reason: f.stateReason,
    title: f.title,
    body: f.body,
    user: f.user,
    labels: f.labels,
    assignee: f.assignees[0] ?? null,
    assignees: f.assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: f.comments,
    closed_at: f.closedAt,
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    author_association: "NONE",
    ...(f.pullRequest === true
      ? {
          pull_request: {
            url: `${API}/repos/${f.owner}/${f.repo}/pulls/${f.number}`,
            html_url: `https://github.com/${f.owner}/${f.repo}/pull/${f.number}`,
            diff_url: `https://github.com/${f.owner}/${f.repo}/pull/${f.number}.diff`,
            patch_url: `https://github.com/${f.owner}/${f.repo}/pull/${f.number}.patch`,
            merged_at: null,
          },
        }
      : {}),
  };
}

export interface CommentFields {
  owner: string;
  repo: string;
  issueNumber: number;
  id: number;
  body: string;
  user: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export function issueComment(f: CommentFields): Record<string, unknown> {
  const repoApi = `${API}/repos/${f.owner}/${f.repo}`;
  return {
    id: f.id,
    node_id: `IC_${f.id}`,
    url: `${repoApi}/issues/comments/${f.id}`,
    html_url: `https://github.com/${f.owner}/${f.repo}/issues/${f.issueNumber}#issuecomment-${f.id}`,
    issue_url: `${repoApi}/issues/${f.issueNumber}`,
    body: f.body,
    user: f.user,
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    author_association: "NONE",
  };
}

/**
 * The answer to `POST /app/installations/{id}/access_tokens`: an installation token with the
 * permissions sigmeet's app asks for (Issues read & write, Metadata read).
 */
export function installationToken(token: string, expiresAt: string): Record<string, unknown> {
  return {
    token,
    expires_at: expiresAt,
    permissions: { issues: "write", metadata: "read" },
    repository_selection: "selected",
  };
}
