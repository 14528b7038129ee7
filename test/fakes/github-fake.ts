import { createHash } from "node:crypto";
import { issue, label, simpleUser } from "./github-objects.ts";
import { responseProblems } from "./github-openapi.ts";

/**
 * An in-process GitHub for one repository, answering Octokit through its `request.fetch` option.
 * It keeps state (issues, labels, comments), behaves as measured in shared/notes/trackers.md
 * (labels auto-created grey, an unassignable assignee fails the whole create with 422, ETags and
 * 304s on reads, Link pagination), validates every normal response against GitHub's OpenAPI
 * description, and injects faults on request.
 */
export type Fault =
  /** The write happens, then the client gets a 502 (a proxy timeout after the commit). */
  | "502-after-commit"
  /** The write happens, then the connection drops. */
  | "drop-after-commit"
  /** GitHub's secondary rate limit: 403 with Retry-After, nothing written. */
  | "secondary-limit"
  /** 429 with Retry-After, nothing written. */
  | "too-many-requests"
  /** 500, nothing written. */
  | "server-error";

interface StoredIssue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  labels: string[];
  assignees: string[];
  state: "open" | "closed";
  stateReason: "completed" | "reopened" | "not_planned" | "duplicate" | null;
  comments: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface GitHubFakeOptions {
  readonly owner: string;
  readonly repo: string;
  /** Logins that may be assigned issues in the repository. */
  readonly assignable: readonly string[];
  /** Makes every response fail the test if it does not match the OpenAPI description (default on). */
  readonly validate?: boolean;
}

export class GitHubFake {
  readonly issues: StoredIssue[] = [];
  readonly labels = new Map<string, number>();
  /** Every request, as `METHOD /path`, in order. */
  readonly calls: string[] = [];
  private readonly pending: { match: RegExp; fault: Fault }[] = [];
  private readonly options: GitHubFakeOptions;
  private clock = Date.UTC(2026, 10, 26, 10, 0, 0);
  private nextId = 5000;

  constructor(options: GitHubFakeOptions) {
    this.options = options;
  }

  /** The next request whose `METHOD /path` matches gets this fault. */
  injectFault(match: RegExp, fault: Fault): void {
    this.pending.push({ match, fault });
  }

  /** A `fetch` for Octokit's `request.fetch`. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const call = `${request.method} ${url.pathname}`;
    this.calls.push(call);
    const faultAt = this.pending.findIndex((p) => p.match.test(call));
    const fault = faultAt === -1 ? undefined : this.pending.splice(faultAt, 1)[0]?.fault;
    if (fault === "secondary-limit") {
      return json(
        403,
        {
          message:
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          documentation_url:
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        },
        { "retry-after": "1" },
      );
    }
    if (fault === "too-many-requests")
      return json(429, { message: "Too Many Requests" }, { "retry-after": "1" });
    if (fault === "server-error") return json(500, { message: "Server Error" });
    const body =
      request.method === "GET" ? undefined : ((await request.json()) as Record<string, unknown>);
    const response = this.route(request.method, url, body, request.headers);
    if (fault === "502-after-commit")
      return new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
        status: 502,
        headers: { "content-type": "text/html" },
      });
    if (fault === "drop-after-commit")
      throw new TypeError("fetch failed (connection reset by the fake)");
    if (this.options.validate !== false && response.status !== 304) {
      const problems = responseProblems(
        request.method,
        url.pathname + url.search,
        response.status,
        response.body,
      );
      if (problems.length > 0)
        throw new Error(`GitHub fake answered off-spec:\n${problems.join("\n")}`);
    }
    if (response.status === 204 || response.status === 304)
      return new Response(null, { status: response.status, headers: response.headers ?? {} });
    return json(response.status, response.body, response.headers);
  };

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  private labelObject(name: string): Record<string, unknown> {
    let id = this.labels.get(name);
    if (id === undefined) {
      id = this.nextId++;
      this.labels.set(name, id); // GitHub creates unknown labels (grey) when they are used
    }
    return label(this.options.owner, this.options.repo, name, id);
  }

  private issueObject(i: StoredIssue): Record<string, unknown> {
    return issue({
      owner: this.options.owner,
      repo: this.options.repo,
      number: i.number,
      id: i.id,
      title: i.title,
      body: i.body,
      user: simpleUser("sigmeet-bot", 1),
      labels: i.labels.map((l) => this.labelObject(l)),
      assignees: i.assignees.map((a, k) => simpleUser(a, 100 + k)),
      state: i.state,
      stateReason: i.stateReason,
      comments: i.comments.length,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      closedAt: i.closedAt,
    });
  }

  private route(
    method: string,
    url: URL,
    body: Record<string, unknown> | undefined,
    headers: Headers,
  ): Reply {
    const base = `/repos/${this.options.owner}/${this.options.repo}`;
    const path = url.pathname;
    const numberMatch = new RegExp(`^${base}/issues/(\\d+)(/comments|/labels)?$`).exec(path);
    if (path === `${base}/issues` && method === "POST") return this.create(body ?? {});
    if (path === `${base}/issues` && method === "GET") return this.list(url, headers);
    if (numberMatch !== null) {
      const found = this.issues.find((i) => i.number === Number(numberMatch[1]));
      if (found === undefined) return notFound();
      const sub = numberMatch[2];
      if (sub === undefined && method === "GET")
        return conditional(200, this.issueObject(found), headers);
      if (sub === undefined && method === "PATCH") return this.update(found, body ?? {});
      if (sub === "/comments" && method === "POST") {
        const text = typeof body?.["body"] === "string" ? body["body"] : "";
        found.comments.push(text);
        found.updatedAt = this.now();
        const id = this.nextId++;
        return {
          status: 201,
          body: {
            id,
            node_id: `IC_${id}`,
            url: `https://api.github.com${base}/issues/comments/${id}`,
            html_url: `https://github.com/${this.options.owner}/${this.options.repo}/issues/${found.number}#issuecomment-${id}`,
            issue_url: `https://api.github.com${base}/issues/${found.number}`,
            body: text,
            user: simpleUser("sigmeet-bot", 1),
            created_at: found.updatedAt,
            updated_at: found.updatedAt,
            author_association: "NONE",
          },
        };
      }
      if (sub === "/labels" && method === "POST") {
        for (const l of (body?.["labels"] as string[] | undefined) ?? [])
          if (!found.labels.includes(l)) found.labels.push(l);
        return { status: 200, body: found.labels.map((l) => this.labelObject(l)) };
      }
    }
    const assignee = new RegExp(`^${base}/assignees/([^/]+)$`).exec(path);
    if (assignee !== null && method === "GET") {
      return this.options.assignable.includes(decodeURIComponent(assignee[1] ?? ""))
        ? { status: 204 }
        : notFound();
    }
    return notFound();
  }

  private create(body: Record<string, unknown>): Reply {
    const title = body["title"];
    if (typeof title !== "string" || title === "") {
      return {
        status: 422,
        body: {
          message: "Validation Failed",
          errors: [{ resource: "Issue", field: "title", code: "missing_field" }],
          documentation_url: "https://docs.github.com/rest/issues/issues#create-an-issue",
        },
      };
    }
    const assignees = (body["assignees"] as string[] | undefined) ?? [];
    // One unassignable login fails the whole create, and nothing is written.
    const bad = assignees.find((a) => !this.options.assignable.includes(a));
    if (bad !== undefined) {
      return {
        status: 422,
        body: {
          message: "Validation Failed",
          errors: [{ value: bad, resource: "Issue", field: "assignees", code: "invalid" }],
          documentation_url: "https://docs.github.com/rest/issues/issues#create-an-issue",
        },
      };
    }
    const at = this.now();
    const stored: StoredIssue = {
      number: this.issues.length + 1,
      id: this.nextId++,
      title,
      body: typeof body["body"] === "string" ? body["body"] : null,
      labels: [...new Set((body["labels"] as string[] | undefined) ?? [])],
      assignees,
      state: "open",
      stateReason: null,
      comments: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
    };
    this.issues.push(stored);
    return { status: 201, body: this.issueObject(stored) };
  }

  private update(found: StoredIssue, body: Record<string, unknown>): Reply {
    if (typeof body["title"] === "string") found.title = body["title"];
    if (typeof body["body"] === "string") found.body = body["body"];
    if (Array.isArray(body["labels"])) found.labels = body["labels"] as string[];
    if (body["state"] === "closed" && found.state === "open") {
      found.state = "closed";
      found.closedAt = this.now();
      found.stateReason =
        (body["state_reason"] as StoredIssue["stateReason"] | undefined) ?? "completed";
    } else if (body["state"] === "open" && found.state === "closed") {
      found.state = "open";
      found.closedAt = null;
      found.stateReason = "reopened";
    }
    found.updatedAt = this.now();
    return { status: 200, body: this.issueObject(found) };
  }

  private list(url: URL, headers: Headers): Reply {
    const state = url.searchParams.get("state") ?? "open";
    const wanted = (url.searchParams.get("labels") ?? "").split(",").filter((l) => l !== "");
    const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 30));
    const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
    const all = this.issues.filter(
      (i) => (state === "all" || i.state === state) && wanted.every((l) => i.labels.includes(l)),
    );
    const slice = all.slice((page - 1) * perPage, page * perPage).map((i) => this.issueObject(i));
    const reply = conditional(200, slice, headers);
    if (page * perPage < all.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      reply.headers = {
        ...reply.headers,
        link: `<https://api.github.com${next.pathname}${next.search}>; rel="next"`,
      };
    }
    return reply;
  }
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function notFound(): Reply {
  return {
    status: 404,
    body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
  };
}

/** A read with an ETag; `If-None-Match` with the same ETag gets a 304 (which costs no quota). */
function conditional(status: number, body: unknown, headers: Headers): Reply {
  const etag = `"${createHash("sha1").update(JSON.stringify(body)).digest("hex")}"`;
  if (headers.get("if-none-match") === etag) return { status: 304, headers: { etag } };
  return { status, body, headers: { etag } };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}
