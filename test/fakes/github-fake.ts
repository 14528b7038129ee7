import { createHash, randomBytes, verify, type KeyObject } from "node:crypto";
import { installationToken, issue, issueComment, label, simpleUser } from "./github-objects.ts";
import { requestProblems, responseProblems } from "./github-openapi.ts";

/**
 * An in-process GitHub for one repository, answering Octokit through its `request.fetch` option.
 * It keeps state (issues, pull requests, labels, comments), behaves as measured in
 * shared/notes/trackers.md (labels auto-created grey, an unassignable assignee fails the whole
 * create with 422 but is silently ignored when adding assignees, pull requests in issue listings,
 * ETags and 304s on reads, Link pagination), validates every request body and every normal
 * response against GitHub's OpenAPI description, and injects faults on request.
 */
export type Fault =
  /** The write happens, then the client gets a 502 (a proxy timeout after the commit). */
  | "502-after-commit"
  /** The write happens, then the connection drops. */
  | "drop-after-commit"
  /** No answer until the client gives up (aborts); nothing written. */
  | "timeout"
  /** The write happens, then no answer until the client gives up. */
  | "timeout-after-commit"
  /** GitHub's secondary rate limit: 403 with Retry-After, nothing written. */
  | "secondary-limit"
  /** 429 with Retry-After (GitHub sends its secondary-limit message with it), nothing written. */
  | "too-many-requests"
  /** Primary limit used up: 403, `x-ratelimit-remaining: 0` and the reset time; nothing written. */
  | "rate-limit"
  /** 500, nothing written. */
  | "server-error"
  /** 502 from GitHub's proxy (an HTML page), nothing written. */
  | "bad-gateway"
  /** 503, nothing written. */
  | "unavailable";

export interface FaultOptions {
  /** How many matching requests in a row get the fault (default 1): a "5xx storm". */
  readonly times?: number;
  /** Matching requests to let through first (default 0), e.g. to fail page 2 of a listing. */
  readonly after?: number;
  /** Retry-After of the limit faults, in seconds (default 1); null sends none. */
  readonly retryAfterS?: number | null;
  /** `rate-limit`: seconds until the reset (default 0). */
  readonly resetInS?: number;
}

interface StoredComment {
  id: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

interface StoredIssue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  labels: string[];
  assignees: string[];
  state: "open" | "closed";
  stateReason: "completed" | "reopened" | "not_planned" | "duplicate" | null;
  /** `duplicate_issue_id` of the close, when given. */
  duplicateOf: number | null;
  comments: StoredComment[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  pullRequest: boolean;
}

interface StoredLabel {
  id: number;
  color: string;
  description: string | null;
}

export interface GitHubFakeOptions {
  readonly owner: string;
  readonly repo: string;
  /** Logins that may be assigned issues in the repository. */
  readonly assignable: readonly string[];
  /** Makes every response fail the test if it does not match the OpenAPI description (default on). */
  readonly validate?: boolean;
  /** A GitHub App installed on the repository: it may mint installation tokens. */
  readonly app?: GitHubFakeApp;
  /**
   * Tokens GitHub knows. Given this or `app`, every request other than a mint must carry one of
   * them or a live minted token (`Authorization: token …`), else it gets 401 Bad credentials.
   * Without either, any request is accepted, credentials or not.
   */
  readonly tokens?: readonly string[];
  /** How long a minted token lives, in seconds of Date.now() (default 3600, as GitHub's). */
  readonly tokenLifetimeS?: number;
}

/** The app the fake knows: its ids, and the public half of its key to check JWTs with. */
export interface GitHubFakeApp {
  readonly id: number;
  readonly installationId: number;
  readonly publicKey: KeyObject | string;
}

export class GitHubFake {
  /** Issues, pull requests excluded. */
  readonly issues: StoredIssue[] = [];
  readonly pulls: StoredIssue[] = [];
  readonly labels = new Map<string, StoredLabel>();
  /** Who may be assigned; tests change it to stage "lost access since the check". */
  readonly assignable: Set<string>;
  /** Every request, as `METHOD /path`, in order. */
  readonly calls: string[] = [];
  /** The `Authorization` header of every request (null: none), in the order of `calls`. */
  readonly credentials: (string | null)[] = [];
  /** Every installation token minted, in order (revoked and expired ones included). */
  readonly minted: string[] = [];
  /** Live minted tokens → when they expire (Date.now() milliseconds). */
  private readonly live = new Map<string, number>();
  /** Every request with its status (0: no answer, the connection dropped or the client gave up). */
  readonly answers: { call: string; status: number }[] = [];
  /** Requests that count against the primary rate limit (a 304 does not). */
  quotaUsed = 0;
  private readonly pending: {
    match: RegExp;
    fault: Fault;
    skip: number;
    left: number;
    options: FaultOptions;
  }[] = [];
  private readonly transferred = new Set<number>();
  private readonly options: GitHubFakeOptions;
  private clock = Date.UTC(2026, 10, 26, 10, 0, 0);
  private nextId = 5000;
  private nextNumber = 1;

  constructor(options: GitHubFakeOptions) {
    this.options = options;
    this.assignable = new Set(options.assignable);
  }

  /** The next `times` requests whose `METHOD /path` matches get this fault. */
  injectFault(match: RegExp, fault: Fault, options: FaultOptions = {}): void {
    this.pending.push({
      match,
      fault,
      skip: options.after ?? 0,
      left: options.times ?? 1,
      options,
    });
  }

  /** Opens a pull request (it shares the numbering and the listing with issues). */
  addPullRequest(title: string, labels: readonly string[] = []): number {
    const pr = this.newIssue(title, null, [...labels], []);
    pr.pullRequest = true;
    this.pulls.push(pr);
    return pr.number;
  }

  /** Moves an issue to another repository: it leaves the store, and reading it answers 301. */
  transferOut(number: number): void {
    const at = this.issues.findIndex((i) => i.number === number);
    if (at !== -1) this.issues.splice(at, 1);
    this.transferred.add(number);
  }

  /** Revokes every minted token (what `DELETE /installation/token` does to one). */
  revokeTokens(): void {
    this.live.clear();
  }

  /** Lets the fake's clock run (every write already moves it by a second). */
  tick(seconds: number): void {
    this.clock += seconds * 1000;
  }

  /** A person edits an issue on github.com (changes its update time and so its ETag). */
  touch(number: number, title: string): void {
    const found = this.find(number);
    if (found === undefined) throw new Error(`no issue #${number}`);
    found.title = title;
    found.updatedAt = this.now();
  }

  /** A `fetch` for Octokit's `request.fetch`. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const call = `${request.method} ${url.pathname}`;
    this.calls.push(call);
    this.credentials.push(request.headers.get("authorization"));
    const answered = (response: Response) => {
      this.answers.push({ call, status: response.status });
      if (response.status !== 304) this.quotaUsed++;
      return response;
    };
    const noAnswer = (error: unknown) => {
      this.answers.push({ call, status: 0 });
      return error;
    };
    const fault = this.takeFault(call);
    const early = fault === undefined ? undefined : faultResponse(fault.fault, fault.options);
    if (early !== undefined) return answered(early);
    if (fault?.fault === "timeout") throw noAnswer(await aborted(request.signal));
    // GitHub's authentication answers before any operation (so its 401 is not checked against
    // the operation's documented answers); a mint checks its JWT itself.
    if (MINT.exec(url.pathname) === null && !this.knows(request.headers.get("authorization")))
      return answered(json(401, BAD_CREDENTIALS));
    // A POST without parameters (a mint) has no body at all.
    const text = request.method === "GET" ? "" : await request.text();
    const body = text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>);
    const invalid =
      this.options.validate === false ? [] : requestProblems(request.method, url.pathname, body);
    const response =
      invalid.length > 0
        ? invalidRequest(invalid)
        : this.route(request.method, url, body, request.headers);
    if (fault?.fault === "502-after-commit")
      return answered(
        new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
          status: 502,
          headers: { "content-type": "text/html" },
        }),
      );
    if (fault?.fault === "drop-after-commit")
      throw noAnswer(new TypeError("fetch failed (connection reset by the fake)"));
    if (fault?.fault === "timeout-after-commit") throw noAnswer(await aborted(request.signal));
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
      return answered(
        new Response(null, { status: response.status, headers: response.headers ?? {} }),
      );
    return answered(json(response.status, response.body, response.headers));
  };

  private takeFault(call: string) {
    const at = this.pending.findIndex((p) => p.match.test(call));
    const entry = this.pending[at];
    if (entry === undefined) return undefined;
    if (entry.skip > 0) {
      entry.skip--;
      return undefined;
    }
    if (--entry.left === 0) this.pending.splice(at, 1);
    return entry;
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  private find(number: number): StoredIssue | undefined {
    return (
      this.issues.find((i) => i.number === number) ?? this.pulls.find((i) => i.number === number)
    );
  }

  private labelObject(name: string): Record<string, unknown> {
    let stored = this.labels.get(name);
    if (stored === undefined) {
      stored = { id: this.nextId++, color: "ededed", description: null };
      this.labels.set(name, stored); // GitHub creates unknown labels (grey) when they are used
    }
    const { owner, repo } = this.options;
    return label(owner, repo, name, stored.id, stored.color, stored.description);
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
      pullRequest: i.pullRequest,
    });
  }

  private commentObject(i: StoredIssue, c: StoredComment): Record<string, unknown> {
    return issueComment({
      owner: this.options.owner,
      repo: this.options.repo,
      issueNumber: i.number,
      id: c.id,
      body: c.body,
      user: simpleUser("sigmeet-bot", 1),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
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
    const mint = MINT.exec(path);
    if (mint !== null && method === "POST") return this.mint(Number(mint[1]), headers);
    const numberMatch = new RegExp(`^${base}/issues/(\\d+)(/comments|/labels|/assignees)?$`).exec(
      path,
    );
    if (path === `${base}/issues` && method === "POST") return this.create(body ?? {});
    if (path === `${base}/issues` && method === "GET")
      return this.page(url, headers, this.listed(url));
    if (path === `${base}/labels` && method === "GET")
      return this.page(
        url,
        headers,
        [...this.labels.keys()].map((l) => this.labelObject(l)),
      );
    if (path === `${base}/labels` && method === "POST") return this.createLabel(body ?? {});
    if (numberMatch !== null) {
      const number = Number(numberMatch[1]);
      const found = this.find(number);
      if (found === undefined && this.transferred.has(number) && method === "GET")
        return movedPermanently(url);
      if (found === undefined) return notFound();
      const sub = numberMatch[2];
      if (sub === undefined && method === "GET")
        return conditional(200, this.issueObject(found), headers);
      if (sub === undefined && method === "PATCH") return this.update(found, body ?? {});
      if (sub === "/comments" && method === "POST") {
        const at = this.now();
        const comment = {
          id: this.nextId++,
          body: typeof body?.["body"] === "string" ? body["body"] : "",
          createdAt: at,
          updatedAt: at,
        };
        found.comments.push(comment);
        found.updatedAt = at;
        return { status: 201, body: this.commentObject(found, comment) };
      }
      if (sub === "/comments" && method === "GET") {
        const since = url.searchParams.get("since");
        const comments = found.comments.filter((c) => since === null || c.updatedAt >= since);
        return this.page(
          url,
          headers,
          comments.map((c) => this.commentObject(found, c)),
        );
      }
      if (sub === "/labels" && method === "POST") {
        for (const l of (body?.["labels"] as string[] | undefined) ?? [])
          if (!found.labels.includes(l)) found.labels.push(l);
        return { status: 200, body: found.labels.map((l) => this.labelObject(l)) };
      }
      if (sub === "/assignees" && method === "POST") {
        // Logins that cannot be assigned are ignored without an error (notes §2.2).
        for (const login of (body?.["assignees"] as string[] | undefined) ?? [])
          if (
            this.canAssign(login) &&
            !found.assignees.includes(login) &&
            found.assignees.length < 10
          )
            found.assignees.push(login);
        found.updatedAt = this.now();
        return { status: 201, body: this.issueObject(found) };
      }
    }
    const assignee = new RegExp(`^${base}/assignees/([^/]+)$`).exec(path);
    if (assignee !== null && method === "GET") {
      return this.canAssign(decodeURIComponent(assignee[1] ?? "")) ? { status: 204 } : notFound();
    }
    return notFound();
  }

  /** Whether a request's credentials would get past GitHub (always, unless tokens are checked). */
  private knows(authorization: string | null): boolean {
    if (this.options.tokens === undefined && this.options.app === undefined) return true;
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? "";
    if (this.options.tokens?.includes(token) === true) return true;
    return (this.live.get(token) ?? 0) > Date.now();
  }

  /** `POST /app/installations/{id}/access_tokens`: an installation token for a valid app JWT. */
  private mint(installationId: number, headers: Headers): Reply {
    const app = this.options.app;
    if (app === undefined) return notFound();
    const refused = jwtProblem(headers.get("authorization"), app);
    if (refused !== null)
      return {
        status: 401,
        body: { message: refused, documentation_url: "https://docs.github.com/rest" },
      };
    if (installationId !== app.installationId) return notFound();
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    const expires = Date.now() + (this.options.tokenLifetimeS ?? 3600) * 1000;
    this.live.set(token, expires);
    this.minted.push(token);
    const expiresAt = new Date(expires).toISOString().replace(/\.\d{3}Z$/, "Z");
    return { status: 201, body: installationToken(token, expiresAt) };
  }

  private canAssign(login: string): boolean {
    return [...this.assignable].some((a) => a.toLowerCase() === login.toLowerCase());
  }

  private newIssue(
    title: string,
    body: string | null,
    labels: string[],
    assignees: string[],
  ): StoredIssue {
    const at = this.now();
    return {
      number: this.nextNumber++,
      id: this.nextId++,
      title,
      body,
      labels: [...new Set(labels)],
      assignees,
      state: "open",
      stateReason: null,
      duplicateOf: null,
      comments: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      pullRequest: false,
    };
  }

  private create(body: Record<string, unknown>): Reply {
    const title = body["title"];
    if (typeof title !== "string" || title === "") {
      return validationFailed("create-an-issue", {
        resource: "Issue",
        field: "title",
        code: "missing_field",
      });
    }
    const assignees = (body["assignees"] as string[] | undefined) ?? [];
    // One unassignable login fails the whole create, and nothing is written.
    const bad = assignees.find((a) => !this.canAssign(a));
    if (bad !== undefined) {
      return validationFailed("create-an-issue", {
        value: bad,
        resource: "Issue",
        field: "assignees",
        code: "invalid",
      });
    }
    const stored = this.newIssue(
      title,
      typeof body["body"] === "string" ? body["body"] : null,
      (body["labels"] as string[] | undefined) ?? [],
      assignees,
    );
    this.issues.push(stored);
    return { status: 201, body: this.issueObject(stored) };
  }

  private createLabel(body: Record<string, unknown>): Reply {
    const name = body["name"];
    const color = body["color"] ?? "ededed";
    if (typeof name !== "string" || name === "")
      return validationFailed("create-a-label", {
        resource: "Label",
        field: "name",
        code: "missing_field",
      });
    if (typeof color !== "string" || !/^[0-9a-f]{6}$/i.test(color))
      return validationFailed("create-a-label", {
        resource: "Label",
        code: "invalid",
        field: "color",
      });
    // Label names are unique regardless of case.
    if ([...this.labels.keys()].some((l) => l.toLowerCase() === name.toLowerCase()))
      return validationFailed("create-a-label", {
        resource: "Label",
        code: "already_exists",
        field: "name",
      });
    const description = typeof body["description"] === "string" ? body["description"] : null;
    this.labels.set(name, { id: this.nextId++, color, description });
    return { status: 201, body: this.labelObject(name) };
  }

  private update(found: StoredIssue, body: Record<string, unknown>): Reply {
    const duplicateOf = body["duplicate_issue_id"];
    if (
      typeof duplicateOf === "number" &&
      body["state_reason"] === "duplicate" &&
      !this.issues.some((i) => i.id === duplicateOf)
    ) {
      return validationFailed("update-an-issue", {
        resource: "Issue",
        field: "duplicate_issue_id",
        code: "invalid",
      });
    }
    if (typeof body["title"] === "string") found.title = body["title"];
    if (typeof body["body"] === "string") found.body = body["body"];
    if (Array.isArray(body["labels"])) found.labels = body["labels"] as string[];
    const reason = body["state_reason"] as StoredIssue["stateReason"] | undefined;
    if (body["state"] === "closed" && found.state === "open") {
      found.state = "closed";
      found.closedAt = this.now();
      found.stateReason = reason ?? "completed";
      found.duplicateOf =
        found.stateReason === "duplicate" && typeof duplicateOf === "number" ? duplicateOf : null;
    } else if (body["state"] === "closed" && reason != null && reason !== "reopened") {
      // "Closing" a closed issue with another reason changes the reason (GitHub then shows a
      // second close event: microsoft/vscode-github-triage-actions#102, cli/cli#14364). The
      // OpenAPI text ("ignored unless state is changed") suggests otherwise; unverified here.
      found.stateReason = reason;
      found.duplicateOf =
        reason === "duplicate" && typeof duplicateOf === "number" ? duplicateOf : null;
    } else if (body["state"] === "open" && found.state === "closed") {
      found.state = "open";
      found.closedAt = null;
      found.stateReason = "reopened";
      found.duplicateOf = null;
    }
    found.updatedAt = this.now();
    return { status: 200, body: this.issueObject(found) };
  }

  /** What `GET /repos/{o}/{r}/issues` selects, in GitHub's order (default: newest created first). */
  private listed(url: URL): Record<string, unknown>[] {
    const q = url.searchParams;
    const state = q.get("state") ?? "open";
    const wanted = (q.get("labels") ?? "").split(",").filter((l) => l !== "");
    const since = q.get("since");
    const sort = q.get("sort") ?? "created";
    const sign = q.get("direction") === "asc" ? 1 : -1;
    const key = (i: StoredIssue): string | number =>
      sort === "updated" ? i.updatedAt : sort === "comments" ? i.comments.length : i.createdAt;
    return [...this.issues, ...this.pulls]
      .filter(
        (i) =>
          (state === "all" || i.state === state) &&
          wanted.every((l) => i.labels.includes(l)) &&
          (since === null || i.updatedAt >= since),
      )
      .sort((a, b) => {
        const [ka, kb] = [key(a), key(b)];
        return (ka < kb ? -1 : ka > kb ? 1 : a.number - b.number) * sign;
      })
      .map((i) => this.issueObject(i));
  }

  /** One page of a listing, with GitHub's `Link` header and an ETag. */
  private page(url: URL, headers: Headers, all: unknown[]): Reply {
    const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 30));
    const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
    const reply = conditional(200, all.slice((page - 1) * perPage, page * perPage), headers);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    if (page < last) {
      const at = (n: number) => {
        const next = new URL(url);
        next.searchParams.set("page", String(n));
        return next.href;
      };
      reply.headers = {
        ...reply.headers,
        link: `<${at(page + 1)}>; rel="next", <${at(last)}>; rel="last"`,
      };
    }
    return reply;
  }
}

const MINT = /^\/app\/installations\/(\d+)\/access_tokens$/;

const BAD_CREDENTIALS = {
  message: "Bad credentials",
  documentation_url: "https://docs.github.com/rest",
};

/** GitHub's words for a JWT it cannot trust (wrong key or app, malformed, unsigned). */
const UNDECODABLE = "A JSON web token could not be decoded";

/**
 * Why GitHub would refuse `Authorization: Bearer <jwt>` for this app, or null when it is fine:
 * RS256, signed by the app's key, `iss` the app id, `iat` not ahead of the clock (a minute of
 * drift allowed), `exp` in the future and at most ten minutes away. Messages are GitHub's.
 */
function jwtProblem(authorization: string | null, app: GitHubFakeApp): string | null {
  const parts = /^bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization ?? "");
  if (parts === null) return UNDECODABLE;
  const [, head = "", payload = "", signature = ""] = parts;
  let header: { alg?: unknown };
  let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
  let signed: boolean;
  try {
    header = JSON.parse(Buffer.from(head, "base64url").toString("utf8")) as typeof header;
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof claims;
    const data = Buffer.from(`${head}.${payload}`);
    signed = verify("sha256", data, app.publicKey, Buffer.from(signature, "base64url"));
  } catch {
    return UNDECODABLE;
  }
  // GitHub takes the app id as a number or a string.
  const issuer = typeof claims.iss === "number" ? String(claims.iss) : claims.iss;
  if (header.alg !== "RS256" || !signed || issuer !== String(app.id)) return UNDECODABLE;
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= now)
    return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
  if (claims.exp > now + 600) return "'Expiration time' claim ('exp') is too far in the future";
  if (!Number.isInteger(claims.iat) || (claims.iat as number) > now + 60)
    return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
  return null;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The answer of a fault that stops a request before it reaches the repository. */
function faultResponse(fault: Fault, options: FaultOptions): Response | undefined {
  const retryAfter: Record<string, string> =
    options.retryAfterS === null ? {} : { "retry-after": String(options.retryAfterS ?? 1) };
  const secondary = {
    message:
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    documentation_url:
      "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
  };
  switch (fault) {
    case "secondary-limit":
      return json(403, secondary, retryAfter);
    case "too-many-requests":
      return json(429, secondary, retryAfter);
    case "rate-limit": {
      // The reset is real time: Octokit's throttling compares it with Date.now().
      const reset = Math.floor(Date.now() / 1000) + (options.resetInS ?? 0);
      return json(
        403,
        {
          message: "API rate limit exceeded for user ID 1.",
          documentation_url:
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits",
        },
        {
          "x-ratelimit-limit": "5000",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-used": "5000",
          "x-ratelimit-reset": String(reset),
          "x-ratelimit-resource": "core",
        },
      );
    }
    case "server-error":
      return json(500, { message: "Server Error" });
    case "unavailable":
      return json(503, { message: "Service Unavailable" });
    case "bad-gateway":
      return new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
        status: 502,
        headers: { "content-type": "text/html" },
      });
    default:
      return undefined;
  }
}

/** Waits for the client to give up, and fails the way fetch does then (with the signal's reason). */
function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(signal.reason);
    signal.addEventListener(
      "abort",
      () => {
        resolve(signal.reason);
      },
      { once: true },
    );
  });
}

function notFound(): Reply {
  return {
    status: 404,
    body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
  };
}

function movedPermanently(url: URL): Reply {
  const to = `${url.origin}/repositories/999/issues/1`;
  return {
    status: 301,
    body: {
      message: "Moved Permanently",
      url: to,
      documentation_url: "https://docs.github.com/rest",
    },
    headers: { location: to },
  };
}

function validationFailed(doc: string, error: Record<string, unknown>): Reply {
  return {
    status: 422,
    body: {
      message: "Validation Failed",
      errors: [error],
      documentation_url: `https://docs.github.com/rest/issues#${doc}`,
    },
  };
}

/** GitHub's answer to a body its schema refuses. */
function invalidRequest(problems: string[]): Reply {
  return {
    status: 422,
    body: {
      message: `Invalid request.\n\n${problems.join("\n")}`,
      documentation_url: "https://docs.github.com/rest",
    },
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
