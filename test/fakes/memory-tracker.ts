import {
  TrackerError,
  type CloseReason,
  type CreatedIssue,
  type IssueState,
  type ListOptions,
  type NewIssue,
  type RemoteComment,
  type RemoteIssue,
  type Tracker,
} from "../../src/trackers/tracker.ts";

/**
 * A Tracker held in memory, for the sync engine's tests: it follows the port's contract (one
 * attempt per non-idempotent write, conditional listings) and injects faults per method. The
 * adapters themselves are tested against the GitHub fake and a real Pagure.
 */
export type MemoryFault =
  /** The write happens, then the caller hears "unknown" (a 502 or a timeout after the commit). */
  | "unknown-after-commit"
  /** Nothing happens and the caller hears "unknown" (the request never arrived). */
  | "unknown-before-commit"
  | "rejected"
  | "retry-later";

interface Stored {
  number: number;
  title: string;
  body: string;
  state: IssueState;
  closeReason: CloseReason | null;
  labels: string[];
  assignees: string[];
  comments: RemoteComment[];
  createdAt: string;
  updatedAt: string;
}

type Method = keyof Omit<Tracker, "type" | "key" | "label">;

export class MemoryTracker implements Tracker {
  readonly type = "memory";
  readonly key: string;
  readonly label: string;
  readonly issues: Stored[] = [];
  readonly labels = new Set<string>();
  readonly calls: Method[] = [];
  assignable = new Set<string>(["sgallagh", "alice"]);
  private readonly faults: { method: Method; fault: MemoryFault }[] = [];
  private version = 0;
  private listedVersion = new Map<string, number>();
  private clock = Date.UTC(2026, 10, 26, 10, 0, 0);

  constructor(key = "memory:test/repo") {
    this.key = key;
    this.label = "test/repo in memory";
  }

  inject(method: Method, fault: MemoryFault): void {
    this.faults.push({ method, fault });
  }

  /** Writes made so far (every call but reads). */
  get writes(): number {
    return this.calls.filter((c) => !["getIssue", "listIssues", "listComments"].includes(c)).length;
  }

  /** A change made by a person on the tracker. */
  touch(number: number, change: Partial<Pick<Stored, "state" | "closeReason" | "body">>): void {
    const issue = this.find(number);
    Object.assign(issue, change);
    issue.updatedAt = this.tick();
    this.version++;
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private find(number: number): Stored {
    const issue = this.issues.find((i) => i.number === number);
    if (issue === undefined)
      throw new TrackerError(`#${String(number)}: 404 Not Found`, "rejected", { status: 404 });
    return issue;
  }

  /** Runs a write with any fault injected for it. */
  private write<T>(method: Method, body: () => T): T {
    this.calls.push(method);
    const at = this.faults.findIndex((f) => f.method === method);
    const fault = at === -1 ? undefined : this.faults.splice(at, 1)[0]?.fault;
    if (fault === "unknown-before-commit")
      throw new TrackerError(`${method}: connection reset`, "unknown");
    if (fault === "rejected")
      throw new TrackerError(`${method}: 422 Validation Failed`, "rejected", { status: 422 });
    if (fault === "retry-later")
      throw new TrackerError(`${method}: 403 secondary rate limit`, "retry-later", {
        status: 403,
        retryAfterS: 60,
      });
    const result = body();
    this.version++;
    if (fault === "unknown-after-commit")
      throw new TrackerError(`${method}: 502 Bad Gateway`, "unknown", { status: 502 });
    return result;
  }

  private read(method: Method): void {
    this.calls.push(method);
    const at = this.faults.findIndex((f) => f.method === method);
    const fault = at === -1 ? undefined : this.faults.splice(at, 1)[0]?.fault;
    if (fault !== undefined)
      throw new TrackerError(`${method}: 503`, "retry-later", { status: 503 });
  }

  private remote(i: Stored): RemoteIssue {
    return {
      number: i.number,
      url: `https://tracker.test/repo/issues/${String(i.number)}`,
      title: i.title,
      body: i.body,
      state: i.state,
      closeReason: i.closeReason,
      labels: [...i.labels],
      assignees: [...i.assignees],
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
    };
  }

  ensureLabels(labels: readonly string[]): Promise<number> {
    this.calls.push("ensureLabels");
    const missing = labels.filter((l) => !this.labels.has(l));
    for (const l of missing) this.labels.add(l);
    return Promise.resolve(missing.length);
  }

  createIssue(issue: NewIssue): Promise<CreatedIssue> {
    return Promise.resolve().then(() =>
      this.write("createIssue", () => {
        const at = this.tick();
        const assignees = issue.assignees.filter((a) => this.assignable.has(a));
        const stored: Stored = {
          number: this.issues.length + 1,
          title: issue.title,
          body: issue.body,
          state: "open",
          closeReason: null,
          labels: [...issue.labels],
          assignees,
          comments: [],
          createdAt: at,
          updatedAt: at,
        };
        this.issues.push(stored);
        return {
          issue: this.remote(stored),
          refusedAssignees: issue.assignees
            .filter((a) => !this.assignable.has(a))
            .map((login) => ({ login, reason: "not assignable" })),
        };
      }),
    );
  }

  updateIssue(number: number, changes: { title?: string; body?: string }): Promise<RemoteIssue> {
    return Promise.resolve().then(() =>
      this.write("updateIssue", () => {
        const issue = this.find(number);
        if (changes.title !== undefined) issue.title = changes.title;
        if (changes.body !== undefined) issue.body = changes.body;
        issue.updatedAt = this.tick();
        return this.remote(issue);
      }),
    );
  }

  setState(number: number, state: IssueState, reason?: CloseReason): Promise<void> {
    return Promise.resolve().then(() => {
      this.write("setState", () => {
        const issue = this.find(number);
        if (issue.state === state) return;
        issue.state = state;
        issue.closeReason = state === "closed" ? (reason ?? "completed") : null;
        issue.updatedAt = this.tick();
      });
    });
  }

  addAssignees(number: number, logins: readonly string[]) {
    return Promise.resolve().then(() =>
      this.write("addAssignees", () => {
        const issue = this.find(number);
        for (const l of logins)
          if (this.assignable.has(l) && !issue.assignees.includes(l)) issue.assignees.push(l);
        return logins
          .filter((l) => !this.assignable.has(l))
          .map((login) => ({ login, reason: "not assignable" }));
      }),
    );
  }

  comment(number: number, body: string): Promise<void> {
    return Promise.resolve().then(() => {
      this.write("comment", () => {
        const issue = this.find(number);
        const at = this.tick();
        issue.comments.push({ body, createdAt: at });
        issue.updatedAt = at;
      });
    });
  }

  listComments(number: number): Promise<readonly RemoteComment[]> {
    return Promise.resolve().then(() => {
      this.read("listComments");
      return [...this.find(number).comments];
    });
  }

  getIssue(number: number): Promise<RemoteIssue | null> {
    return Promise.resolve().then(() => {
      this.read("getIssue");
      const issue = this.issues.find((i) => i.number === number);
      return issue === undefined ? null : this.remote(issue);
    });
  }

  listIssues(options: ListOptions) {
    return Promise.resolve().then(() => {
      this.read("listIssues");
      const key = JSON.stringify(options);
      // A conditional listing: unchanged since the same listing last time → "304".
      if (this.listedVersion.get(key) === this.version) return { issues: null };
      this.listedVersion.set(key, this.version);
      const issues = this.issues
        .filter((i) => options.label === undefined || i.labels.includes(options.label))
        .filter((i) => options.since === undefined || i.updatedAt >= options.since)
        .map((i) => this.remote(i));
      return { issues };
    });
  }
}
