/**
 * An in-process Pagure 5.14 (API v0) for one project, answering a `fetch` call. It keeps state
 * (issues, comments, tags, users) and reproduces what was measured on a real Pagure 5.14.1
 * (docs/pagure.md, shared/notes/trackers.md §3.5), including its awkward parts:
 *
 * - `new_issue` with an unknown `assignee` fails with an HTML 500 page and creates nothing;
 * - `/assign` with an unknown user is a clean 400 `ENOCODE`, a repeat is "Nothing to change";
 * - `total_issues` counts the current page only, and `pagination.next` keeps only the first value
 *   of a repeated parameter (Flask's `dict(request.args)`);
 * - timestamps are strings of float epoch seconds; `since` compares `last_updated`, which on a
 *   new issue is a few milliseconds *before* `date_created`;
 * - status, assignee changes add "Metadata Update" comments with `notification: true`, a repeated
 *   status is "No changes" (and still touches `last_updated`, as Pagure's edit_issue does);
 * - a comment's answer has no id; comment ids are instance-wide;
 * - after a reopen `closed_at` stays set and `close_status` is cleared;
 * - no ETags; `per_page` over 100 is a 400; `POST /tags/new` needs the modify_project ACL and an
 *   existing tag is a database error (400 `EDBERROR`); tags are listed sorted.
 *
 * The same behaviours are checked against the real server by
 * test/trackers/pagure/pagure-quirks.ts, so the fake cannot drift from it unnoticed.
 */
export type PagureFault =
  /** The write happens, then the client gets Pagure's HTML 500 page. */
  | "500-after-commit"
  /** The write happens, then the connection drops. */
  | "drop-after-commit"
  /** HTML 500 before anything is written. */
  | "server-error"
  /** No answer until the client gives up (its AbortSignal fires). */
  | "hang";

export interface PagureFakeOptions {
  /** Default `https://pagure.example`. */
  readonly baseUrl?: string;
  /** `name` or `namespace/name`; default `fedora-sig/eln`. */
  readonly project?: string;
  readonly token?: string;
  /** The token's owner; default `sigmeet-bot`. */
  readonly botUser?: string;
  /** Other existing accounts; default alice and bob. */
  readonly users?: readonly string[];
  /** Default as seeded by scripts/pagure/seed.py: Fixed, Won't fix, Duplicate. */
  readonly closeStatuses?: readonly string[];
  /** The token's ACLs; default the seeded ones (issue ACLs and modify_project). */
  readonly acls?: readonly string[];
}

export const SEEDED_ACLS = [
  "issue_create",
  "issue_comment",
  "issue_change_status",
  "issue_assign",
  "issue_update",
  "issue_update_milestone",
  "issue_update_custom_fields",
  "issue_subscribe",
  "modify_project",
] as const;

interface FakeComment {
  id: number;
  comment: string;
  user: string;
  dateCreated: number;
  notification: boolean;
}

interface FakeIssue {
  id: number;
  title: string;
  content: string;
  status: "Open" | "Closed";
  closeStatus: string | null;
  dateCreated: number;
  lastUpdated: number;
  closedAt: number | null;
  closedBy: string | null;
  tags: string[];
  assignee: string | null;
  user: string;
  comments: FakeComment[];
}

interface Reply {
  status: number;
  body: unknown;
}

export class PagureFake {
  readonly baseUrl: string;
  readonly project: string;
  readonly token: string;
  readonly issues: FakeIssue[] = [];
  /** Project tags: name → colour and description. */
  readonly tags = new Map<string, { color: string; description: string }>();
  /** Every request, as `METHOD /path?query`, in order. */
  readonly calls: string[] = [];
  /** Every request's headers, in order (to check what the client sends). */
  readonly headers: Headers[] = [];
  readonly closeStatuses: string[];
  private readonly users: Set<string>;
  private readonly botUser: string;
  private readonly acls: Set<string>;
  private readonly pending: { match: RegExp; fault: PagureFault }[] = [];
  /** Milliseconds; starts on a fixed day so answers are reproducible. */
  private clock = Date.UTC(2026, 10, 26, 10, 0, 0);
  private nextCommentId = 1;

  constructor(options: PagureFakeOptions = {}) {
    this.baseUrl = (options.baseUrl ?? "https://pagure.example").replace(/\/+$/, "");
    this.project = options.project ?? "fedora-sig/eln";
    this.token = options.token ?? "T".repeat(64);
    this.botUser = options.botUser ?? "sigmeet-bot";
    this.users = new Set([this.botUser, ...(options.users ?? ["alice", "bob"])]);
    this.closeStatuses = [...(options.closeStatuses ?? ["Fixed", "Won't fix", "Duplicate"])];
    this.acls = new Set(options.acls ?? SEEDED_ACLS);
  }

  /** The next request whose `METHOD /path` matches gets this fault. */
  injectFault(match: RegExp, fault: PagureFault): void {
    this.pending.push({ match, fault });
  }

  /** Moves the server's clock forward (writes move it by 0.35 s each on their own). */
  advance(ms: number): void {
    this.clock += ms;
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const call = `${request.method} ${url.pathname}`;
    this.calls.push(`${call}${url.search}`);
    this.headers.push(request.headers);
    const faultAt = this.pending.findIndex((p) => p.match.test(call));
    const fault = faultAt === -1 ? undefined : this.pending.splice(faultAt, 1)[0]?.fault;
    if (fault === "hang") {
      const signal = init?.signal ?? request.signal;
      return new Promise<Response>((_, reject) => {
        const abort = () => {
          reject(signal.reason as Error);
        };
        if (signal.aborted) abort();
        else signal.addEventListener("abort", abort, { once: true });
      });
    }
    if (fault === "server-error") return htmlError();
    const form =
      request.method === "POST" ? new URLSearchParams(await request.text()) : new URLSearchParams();
    const reply = this.route(request.method, url, form, request.headers);
    if (fault === "500-after-commit") return htmlError();
    if (fault === "drop-after-commit")
      throw new TypeError("fetch failed (connection reset by the fake)");
    if (reply === "html-500") return htmlError();
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { "content-type": "application/json" },
    });
  };

  private tick(): number {
    this.clock += 350;
    return this.clock;
  }

  private route(
    method: string,
    url: URL,
    form: URLSearchParams,
    headers: Headers,
  ): Reply | "html-500" {
    const path = url.pathname.replace(/\/+$/, "");
    if (path === "/api/0/-/version") return ok({ version: "0.31" });
    const user = /^\/api\/0\/user\/([^/]+)$/.exec(path);
    if (user !== null && method === "GET") {
      const auth = this.authorize(headers, null);
      if (auth !== null) return auth;
      return this.viewUser(decodeURIComponent(user[1] ?? ""));
    }
    const prefix = `/api/0/${this.project}`;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) {
      // Another project (or a path Pagure's router would read as one).
      return apiError(404, "ENOPROJECT", "Project not found");
    }
    const rest = path.slice(prefix.length);
    const need = (acls: string[]) => this.authorize(headers, acls);
    if (rest === "" && method === "GET") return need([]) ?? ok(this.projectJson());
    if (rest === "/tags" && method === "GET") {
      return need([]) ?? ok({ tags: [...this.tags.keys()].sort(), total_tags: this.tags.size });
    }
    if (rest === "/tags/new" && method === "POST")
      return need(["modify_project"]) ?? this.newTag(form);
    if (rest === "/issues" && method === "GET") return need([]) ?? this.list(url);
    if (rest === "/new_issue" && method === "POST")
      return need(["issue_create"]) ?? this.create(form);
    const issue = /^\/issue\/([^/]+)(\/status|\/comment|\/assign)?$/.exec(rest);
    if (issue === null) return apiError(404, "ENOCODE", "Not found");
    const [, id, sub] = issue;
    const acl =
      method === "GET"
        ? []
        : sub === "/status"
          ? ["issue_change_status", "issue_update"]
          : sub === "/comment"
            ? ["issue_comment", "issue_update"]
            : sub === "/assign"
              ? ["issue_assign", "issue_update"]
              : ["issue_update"];
    const denied = need(acl);
    if (denied !== null) return denied;
    const found = this.issues.find((i) => String(i.id) === id);
    if (found === undefined) return apiError(404, "ENOISSUE", "Issue not found");
    if (sub === undefined && method === "GET") {
      return ok(this.issueJson(found, url.searchParams.get("comments") !== "0"));
    }
    if (method !== "POST") return apiError(405, "ENOCODE", "Method not allowed");
    if (sub === undefined) return this.edit(found, form);
    if (sub === "/status") return this.setStatus(found, form);
    if (sub === "/comment") return this.comment(found, form);
    return this.assign(found, form);
  }

  /** Pagure's check_api_acls: a token, if sent, must be valid; a write needs one of `acls`. */
  private authorize(headers: Headers, acls: string[] | null): Reply | null {
    const header = headers.get("authorization") ?? "";
    const token = header.includes("token") ? header.split("token")[1]?.trim() : undefined;
    const invalid = (why: string): Reply => ({
      status: 401,
      body: {
        error: `Invalid or expired token. Please visit ${this.baseUrl}/settings#nav-api-tab to get or renew your API token.`,
        error_code: "EINVALIDTOK",
        errors: why,
      },
    });
    if (token === undefined || token === "") {
      return acls === null || acls.length === 0 ? null : invalid("Invalid token");
    }
    if (token !== this.token) return invalid("Invalid token");
    if (acls === null || acls.length === 0) return null;
    if (acls.some((a) => this.acls.has(a))) return null;
    return invalid(
      `Missing ACLs: ${acls
        .filter((a) => !this.acls.has(a))
        .sort()
        .join(", ")}`,
    );
  }

  private viewUser(name: string): Reply {
    if (!this.users.has(name)) return apiError(404, "ENOUSER", "No such user found");
    return ok({
      user: {
        name,
        fullname: name,
        url_path: `user/${name}`,
        full_url: `${this.baseUrl}/user/${name}`,
      },
      repos: [],
      forks: [],
    });
  }

  private projectJson(): Record<string, unknown> {
    const [namespace, name] = this.project.includes("/")
      ? this.project.split("/")
      : [null, this.project];
    return {
      name,
      namespace,
      fullname: this.project,
      full_url: `${this.baseUrl}/${this.project}`,
      close_status: this.closeStatuses,
      custom_keys: [],
      milestones: {},
      priorities: {},
      tags: [...this.tags.keys()],
    };
  }

  private newTag(form: URLSearchParams): Reply {
    const tag = form.get("tag") ?? "";
    const color = form.get("tag_color") ?? "";
    const errors: Record<string, string[]> = {};
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-_ .:]+$/.test(tag)) errors["tag"] = ["Invalid input."];
    if (color.trim() === "") errors["tag_color"] = ["This field is required."];
    if (Object.keys(errors).length > 0) return invalidRequest(errors);
    if (this.tags.has(tag)) {
      return apiError(
        400,
        "EDBERROR",
        "An error occurred at the database level and prevent the action from reaching completion",
      );
    }
    const description = form.get("tag_description") ?? "";
    this.tags.set(tag, { color, description });
    return ok({
      message: "Tag created",
      tag: { tag, tag_color: color, tag_description: description },
    });
  }

  private create(form: URLSearchParams): Reply | "html-500" {
    const title = (form.get("title") ?? "").trim();
    const content = form.get("issue_content") ?? "";
    const errors: Record<string, string[]> = {};
    if (title === "") errors["title"] = ["This field is required."];
    if (content.trim() === "") errors["issue_content"] = ["This field is required."];
    if (Object.keys(errors).length > 0) return invalidRequest(errors);
    const assignee = (form.get("assignee") ?? "").trim() || null;
    // Pagure 5.14 looks the user up inside new_issue and lets the exception escape: HTML 500.
    if (assignee !== null && !this.users.has(assignee)) return "html-500";
    const tags = [
      ...new Set(
        (form.get("tag") ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter((t) => t !== ""),
      ),
    ];
    for (const tag of tags) {
      // Tags are created on first use, without colour or description.
      if (!this.tags.has(tag)) this.tags.set(tag, { color: "DeepSkyBlue", description: "" });
    }
    const at = this.tick();
    const issue: FakeIssue = {
      id: this.issues.length + 1,
      title,
      content,
      status: "Open",
      closeStatus: null,
      dateCreated: at,
      // Pagure sets last_updated before the INSERT and date_created (a column default) during it.
      lastUpdated: at - 4,
      closedAt: null,
      closedBy: null,
      tags,
      assignee,
      user: this.botUser,
      comments: [],
    };
    this.issues.push(issue);
    return ok({ issue: this.issueJson(issue, true), message: "Issue created" });
  }

  private edit(issue: FakeIssue, form: URLSearchParams): Reply {
    const title = (form.get("title") ?? "").trim();
    const content = form.get("issue_content") ?? "";
    const errors: Record<string, string[]> = {};
    if (title === "") errors["title"] = ["This field is required."];
    if (content.trim() === "") errors["issue_content"] = ["This field is required."];
    if (Object.keys(errors).length > 0) return invalidRequest(errors);
    issue.title = title;
    issue.content = content;
    issue.lastUpdated = this.tick();
    return ok({ issue: this.issueJson(issue, true), message: "Issue edited" });
  }

  private setStatus(issue: FakeIssue, form: URLSearchParams): Reply {
    let status = (form.get("status") ?? "").trim();
    let closeStatus: string | null = form.get("close_status") || null;
    // Pagure accepts a close status in `status` too ("Fixed" means Closed as Fixed).
    if (this.closeStatuses.includes(status) && closeStatus === null) {
      closeStatus = status;
      status = "Closed";
    }
    const errors: Record<string, string[]> = {};
    if (status !== "Open" && status !== "Closed") errors["status"] = ["Not a valid choice."];
    if (closeStatus !== null && !this.closeStatuses.includes(closeStatus)) {
      errors["close_status"] = ["Not a valid choice."];
    }
    if (Object.keys(errors).length > 0) return invalidRequest(errors);
    const messages: string[] = [];
    const at = this.tick();
    let closeStatusCleared = false;
    if (status !== issue.status) {
      messages.push(`Issue status updated to: ${status} (was: ${issue.status})`);
      issue.status = status as FakeIssue["status"];
      if (status === "Closed") {
        issue.closedAt = at;
        issue.closedBy = this.botUser;
      } else if (issue.closeStatus !== null) {
        issue.closeStatus = null; // closed_at and closed_by stay
        closeStatusCleared = true;
      }
    }
    if (!closeStatusCleared && closeStatus !== issue.closeStatus) {
      const was = issue.closeStatus;
      issue.closeStatus = closeStatus;
      messages.push(
        `Issue close_status updated to: ${String(closeStatus)}${was === null ? "" : ` (was: ${was})`}`,
      );
    }
    issue.lastUpdated = at;
    if (messages.length === 0) return ok({ message: "No changes" });
    this.metadataNote(issue, messages);
    return ok({ message: messages });
  }

  private comment(issue: FakeIssue, form: URLSearchParams): Reply {
    const text = form.get("comment") ?? "";
    if (text.trim() === "") return invalidRequest({ comment: ["This field is required."] });
    const at = this.tick();
    issue.comments.push({
      id: this.nextCommentId++,
      comment: text,
      user: this.botUser,
      dateCreated: at,
      notification: false,
    });
    issue.lastUpdated = at;
    return ok({
      message: "Comment added",
      avatar_url: "https://seccdn.libravatar.org/avatar/0?s=30&d=retro",
      user: this.botUser,
    });
  }

  private assign(issue: FakeIssue, form: URLSearchParams): Reply {
    const assignee = (form.get("assignee") ?? "").trim() || null;
    if (assignee !== null && !this.users.has(assignee)) {
      return apiError(400, "ENOCODE", `No user "${assignee}" found`);
    }
    if (assignee === issue.assignee) return ok({ message: "Nothing to change" });
    const was = issue.assignee;
    issue.assignee = assignee;
    issue.lastUpdated = this.tick();
    const message =
      assignee === null
        ? "Assignee reset"
        : `Issue assigned to ${assignee}${was === null ? "" : ` (was: ${was})`}`;
    this.metadataNote(issue, [message]);
    return ok({ message });
  }

  private metadataNote(issue: FakeIssue, messages: string[]): void {
    issue.comments.push({
      id: this.nextCommentId++,
      comment: `**Metadata Update from @${this.botUser}**:\n- ${[...messages].sort().join("\n- ")}`,
      user: this.botUser,
      dateCreated: this.clock,
      notification: true,
    });
  }

  private list(url: URL): Reply {
    const args = url.searchParams;
    const perPageArg = args.get("per_page") || "20";
    const pageArg = args.get("page") || "1";
    const perPage = Number(perPageArg);
    const page = Number(pageArg);
    if (!/^-?\d+$/.test(perPageArg) || !/^-?\d+$/.test(pageArg) || page < 1) {
      return apiError(400, "EINVALIDREQ", "Invalid or incomplete input submitted");
    }
    if (perPage < 1 || perPage > 100) {
      return apiError(400, "EINVALIDPERPAGEVALUE", "The per_page value must be between 1 and 100");
    }
    const status = args.get("status");
    const tags = args
      .getAll("tags")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    let since: number | null = null;
    const sinceArg = args.get("since");
    if (sinceArg) {
      if (/^\d+$/.test(sinceArg)) since = Number(sinceArg) * 1000;
      else if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(sinceArg))
        since = Date.parse(`${sinceArg}T00:00:00Z`);
      else return apiError(400, "EDATETIME", "Invalid datetime format");
    }
    const matching = this.issues
      .filter((i) =>
        status === null
          ? i.status === "Open"
          : status.toLowerCase() === "all"
            ? true
            : status.toLowerCase() === "closed"
              ? i.status !== "Open"
              : i.status === status,
      )
      // Repeated `tags` are alternatives.
      .filter((i) => tags.length === 0 || tags.some((t) => i.tags.includes(t)))
      .filter((i) => since === null || i.lastUpdated >= since)
      .sort((a, b) =>
        args.get("order") === "asc" ? a.dateCreated - b.dateCreated : b.dateCreated - a.dateCreated,
      );
    const pages = Math.ceil(matching.length / perPage);
    const slice = matching.slice((page - 1) * perPage, page * perPage);
    return ok({
      args: {
        assignee: null,
        author: null,
        milestones: [],
        no_stones: null,
        order: args.get("order"),
        priority: null,
        since: sinceArg,
        status,
        tags,
      },
      // Pagure counts the issues on this page, not all matching ones.
      total_issues: slice.length,
      issues: slice.map((i) => this.issueJson(i, true)),
      pagination: {
        first: this.pageUrl(args, 1, perPage),
        last: this.pageUrl(args, pages, perPage),
        next: page < pages ? this.pageUrl(args, page + 1, perPage) : null,
        prev: page > 1 ? this.pageUrl(args, page - 1, perPage) : null,
        page,
        pages,
        per_page: perPage,
      },
    });
  }

  /** As Pagure builds them: from `dict(request.args)`, which keeps one value per name. */
  private pageUrl(args: URLSearchParams, page: number, perPage: number): string {
    const kept = new URLSearchParams();
    kept.set("per_page", String(perPage));
    for (const name of new Set(args.keys())) {
      if (name === "page" || name === "per_page" || name.startsWith("_")) continue;
      kept.set(name, args.get(name) ?? "");
    }
    kept.set("page", String(page));
    return `${this.baseUrl}/api/0/${this.project}/issues?${kept.toString()}`;
  }

  private userJson(name: string): Record<string, unknown> {
    return {
      fullname: name,
      name,
      url_path: `user/${name}`,
      full_url: `${this.baseUrl}/user/${name}`,
    };
  }

  private issueJson(issue: FakeIssue, withComments: boolean): Record<string, unknown> {
    return {
      assignee: issue.assignee === null ? null : this.userJson(issue.assignee),
      blocks: [],
      close_status: issue.closeStatus,
      closed_at: issue.closedAt === null ? null : epoch(issue.closedAt),
      closed_by: issue.closedBy === null ? null : this.userJson(issue.closedBy),
      comments: withComments
        ? issue.comments.map((c) => ({
            comment: c.comment,
            date_created: epoch(c.dateCreated),
            edited_on: null,
            editor: null,
            id: c.id,
            notification: c.notification,
            parent: null,
            reactions: {},
            user: this.userJson(c.user),
          }))
        : [],
      content: issue.content,
      custom_fields: [],
      date_created: epoch(issue.dateCreated),
      depends: [],
      full_url: `${this.baseUrl}/${this.project}/issue/${issue.id}`,
      id: issue.id,
      last_updated: epoch(issue.lastUpdated),
      milestone: null,
      priority: null,
      private: false,
      related_prs: [],
      status: issue.status,
      tags: [...issue.tags].sort(),
      title: issue.title,
      user: this.userJson(issue.user),
    };
  }
}

/** Pagure's `arrow_ts`: "%s" % float_timestamp. */
function epoch(ms: number): string {
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? `${seconds}.0` : String(seconds);
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function apiError(status: number, code: string, error: string): Reply {
  return { status, body: { error, error_code: code } };
}

function invalidRequest(errors: Record<string, string[]>): Reply {
  return {
    status: 400,
    body: { error: "Invalid or incomplete input submitted", error_code: "EINVALIDREQ", errors },
  };
}

/** Pagure's fatal-error page, as its unhandled exceptions produce. */
function htmlError(): Response {
  return new Response(
    "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>" +
      "<body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>",
    { status: 500, headers: { "content-type": "text/html; charset=utf-8" } },
  );
}
