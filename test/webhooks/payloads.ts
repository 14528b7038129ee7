import { createHmac } from "node:crypto";

/**
 * Trimmed but real-shaped webhook payloads: GitHub's `issues` event (docs.github.com, "Webhook events
 * and payloads") and Pagure's web-hook envelope around its `issue.edit` fedmsg message
 * (pagure/lib/tasks_services.py, pagure/lib/query.py `edit_issue`).
 */

export const GITHUB_SECRET = "gh-webhook-s3cret-value";
export const PAGURE_SECRET = "PAGUREHOOKKEY0123456789abcdefABCDEF012345";

export const githubSignature = (body: string | Uint8Array, secret = GITHUB_SECRET): string =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

export const pagureSignature = (body: string | Uint8Array, secret = PAGURE_SECRET): string =>
  createHmac("sha256", secret).update(body).digest("hex");

const marker = "<!-- meeting-sync v1 id=mtgsync7f3a9c2e1b4d8a06 -->";

export interface GitHubIssueOptions {
  readonly action?: string;
  readonly state?: "open" | "closed";
  readonly stateReason?: string | null;
  readonly number?: number;
  readonly body?: string | null;
  readonly sender?: string;
}

/** An `issues` payload as GitHub sends it (fields the receiver ignores included, trimmed). */
export function githubIssuesPayload(o: GitHubIssueOptions = {}): Record<string, unknown> {
  const state = o.state ?? "closed";
  const number = o.number ?? 224;
  const user = (login: string, id: number): Record<string, unknown> => ({
    login,
    id,
    node_id: "MDQ6VXNlcjE=",
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    html_url: `https://github.com/${login}`,
    type: "User",
    site_admin: false,
  });
  return {
    action: o.action ?? "closed",
    issue: {
      url: `https://api.github.com/repos/fedora-eln/eln/issues/${number}`,
      repository_url: "https://api.github.com/repos/fedora-eln/eln",
      html_url: `https://github.com/fedora-eln/eln/issues/${number}`,
      id: 2451234567,
      node_id: "I_kwDOAbCdEf6RzZ9x",
      number,
      title: "Action: sgallagh to check the ELN compose for the s390x failure",
      user: user("sigmeet-bot[bot]", 190000001),
      labels: [{ id: 1, name: "meeting-action", color: "ededed", default: false }],
      state,
      locked: false,
      assignee: user("sgallagh", 1001),
      assignees: [user("sgallagh", 1001)],
      milestone: null,
      comments: 2,
      created_at: "2026-03-02T16:05:11Z",
      updated_at: "2026-03-09T10:12:40Z",
      closed_at: state === "closed" ? "2026-03-09T10:12:40Z" : null,
      author_association: "NONE",
      body: o.body === undefined ? `Raised in the ELN SIG meeting.\n\n${marker}` : o.body,
      reactions: { total_count: 0, "+1": 0, "-1": 0 },
      state_reason:
        o.stateReason === undefined ? (state === "closed" ? "completed" : null) : o.stateReason,
    },
    repository: {
      id: 351234567,
      node_id: "MDEwOlJlcG9zaXRvcnkzNTEyMzQ1Njc=",
      name: "eln",
      full_name: "fedora-eln/eln",
      private: false,
      owner: { login: "fedora-eln", id: 80000001, type: "Organization" },
      html_url: "https://github.com/fedora-eln/eln",
      default_branch: "main",
    },
    organization: { login: "fedora-eln", id: 80000001 },
    sender: user(o.sender ?? "sgallagh", 1001),
  };
}

/** GitHub's `ping`, sent when a webhook is created. */
export const githubPing = {
  zen: "Design for failure.",
  hook_id: 501234567,
  hook: { type: "Repository", id: 501234567, active: true, events: ["issues"] },
  repository: { full_name: "fedora-eln/eln" },
  sender: { login: "sgallagh" },
};

/** Python's `json.dumps(value, sort_keys=True)`: ", " and ": " separators, non-ASCII as \uXXXX. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export interface PagureIssueOptions {
  readonly topic?: string;
  readonly status?: string;
  readonly closeStatus?: string | null;
  /** Default: a status change on `issue.edit`; null leaves `fields` out. */
  readonly fields?: readonly string[] | null;
  /** Default: a fresh-looking ID; null leaves `msg_id` out. */
  readonly msgId?: string | null;
  readonly agent?: string;
}

/** A Pagure web-hook body, byte for byte as Pagure sends it. */
export function pagureBody(o: PagureIssueOptions = {}): string {
  const status = o.status ?? "Closed";
  const message: Record<string, unknown> = {
    agent: o.agent ?? "sgallagh",
    issue: {
      assignee: { fullname: "Stephen Gallagher", name: "sgallagh", url_path: "user/sgallagh" },
      blocks: [],
      close_status:
        o.closeStatus === undefined ? (status === "Open" ? null : "Fixed") : o.closeStatus,
      closed_at: status === "Open" ? null : "1773051160",
      closed_by: status === "Open" ? null : { name: "sgallagh" },
      comments: [],
      content: `Raised in the FESCo meeting; caf\u00e9 follow-up.\n\n${marker}`,
      custom_fields: [],
      date_created: "1772467511",
      depends: [],
      full_url: "https://pagure.io/fesco/issue/3141",
      id: 3141,
      last_updated: "1773051160",
      milestone: null,
      priority: null,
      private: false,
      related_prs: [],
      status,
      tags: ["meeting", "sigmeet"],
      title: "Action: decide on the i686 drop",
      user: { fullname: "sigmeet bot", name: "sigmeet-bot", url_path: "user/sigmeet-bot" },
    },
    pagure_instance: "https://pagure.io",
    project: {
      access_groups: { admin: [], commit: [], ticket: [] },
      close_status: ["Fixed", "Won't fix", "Duplicate", "Invalid"],
      description: "Fedora Engineering Steering Committee",
      fullname: "fesco",
      id: 1234,
      name: "fesco",
      namespace: null,
      parent: null,
      tags: [],
      url_path: "fesco",
      user: { fullname: "FESCo", name: "fesco" },
    },
    project_fullname: "fesco",
  };
  const topic = o.topic ?? "issue.edit";
  const fields =
    o.fields === undefined
      ? topic === "issue.edit"
        ? ["close_status", "status"]
        : null
      : o.fields;
  if (fields !== null) message["fields"] = fields;
  const envelope: Record<string, unknown> = {
    i: 3,
    msg: message,
    timestamp: 1773051161,
    topic,
  };
  const msgId = o.msgId === undefined ? "2026-0b8e2f4c-5d1a-4c3e-9f7b-6a2d1e0c9b84" : o.msgId;
  if (msgId !== null) envelope["msg_id"] = msgId;
  return pythonJson(envelope);
}
