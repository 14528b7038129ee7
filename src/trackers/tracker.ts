/**
 * The one small interface every issue tracker adapter implements (GitHub, Pagure; Forgejo next).
 * The sync engine only talks to this, so what "exactly once" needs from a tracker is spelled out
 * here: which calls may be repeated safely and which may not.
 *
 * Conventions for every method:
 * - Issue numbers are the tracker's per-project numbers (`#12`).
 * - Failures are thrown as `TrackerError`; anything else thrown is a bug.
 * - Adapters never retry a non-idempotent write (`createIssue`, `comment`) on their own: an
 *   unknown outcome is reported as `outcome: "unknown"` and the engine reconciles by marker.
 */

export type IssueState = "open" | "closed";

/** Why an issue was closed, in GitHub's terms; Pagure maps its close statuses onto these. */
export type CloseReason = "completed" | "not_planned" | "duplicate";

export interface RemoteIssue {
  readonly number: number;
  /** Web page of the issue (not the API URL). */
  readonly url: string;
  readonly title: string;
  /** Markdown body ("" when the tracker has none). */
  readonly body: string;
  readonly state: IssueState;
  /** Null while open, or when the tracker did not say. */
  readonly closeReason: CloseReason | null;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  /** ISO 8601 UTC. */
  readonly updatedAt: string;
}

export interface RemoteComment {
  readonly body: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
}

export interface NewIssue {
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  /**
   * Logins to assign. The adapter checks them first (GitHub: assignability; Pagure: the user
   * exists) and assigns only those that pass; a refused login never fails the create.
   */
  readonly assignees: readonly string[];
}

export interface CreatedIssue {
  readonly issue: RemoteIssue;
  /** Requested assignees the tracker would not take, with the reason, for the engine to record. */
  readonly refusedAssignees: readonly { readonly login: string; readonly reason: string }[];
}

export interface IssueChanges {
  readonly title?: string;
  readonly body?: string;
}

export interface ListOptions {
  /** Only issues carrying this label (GitHub label, Pagure tag). */
  readonly label?: string;
  /** Only issues updated at or after this ISO 8601 time (trackers may round it down). */
  readonly since?: string;
}

export interface ListResult {
  /**
   * Every matching issue, open and closed, pull requests excluded. Null when the tracker said
   * nothing changed since the last identical listing (an HTTP 304): the caller keeps what it has.
   */
  readonly issues: readonly RemoteIssue[] | null;
}

export type TrackerErrorOutcome =
  /** Definitely not done (4xx validation, auth, not found): retrying the same call will not help. */
  | "rejected"
  /** Not done because of a limit or a passing server fault; the same call may be retried later. */
  | "retry-later"
  /** Maybe done, maybe not (timeout, dropped connection, 5xx after sending a write). */
  | "unknown";

export class TrackerError extends Error {
  override readonly name = "TrackerError";
  readonly outcome: TrackerErrorOutcome;
  /** HTTP status, when there was a response. */
  readonly status: number | null;
  /** Seconds the tracker asked us to wait (Retry-After, rate-limit reset), when it said. */
  readonly retryAfterS: number | null;

  constructor(
    message: string,
    outcome: TrackerErrorOutcome,
    options: { status?: number | null; retryAfterS?: number | null; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.outcome = outcome;
    this.status = options.status ?? null;
    this.retryAfterS = options.retryAfterS ?? null;
  }
}

export interface Tracker {
  /** `github` or `pagure` (later `forgejo`). */
  readonly type: string;
  /**
   * Identity of the target (type, server, project), e.g. `github:https://api.github.com/fedora-eln/eln`.
   * Stored with every link, so moving a SIG to another tracker is seen, never confused.
   */
  readonly key: string;
  /** Human-readable target for messages, e.g. `fedora-eln/eln on GitHub`. */
  readonly label: string;

  /** Creates the labels that do not exist yet. Idempotent. Returns the number of write calls made. */
  ensureLabels(labels: readonly string[]): Promise<number>;

  /** NOT idempotent: one attempt. An unknown outcome throws TrackerError "unknown". */
  createIssue(issue: NewIssue): Promise<CreatedIssue>;

  /** Sets title and/or body. Idempotent. */
  updateIssue(number: number, changes: IssueChanges): Promise<RemoteIssue>;

  /**
   * Opens or closes. Idempotent (no change when already in that state). `duplicateOf` goes with
   * reason `duplicate` where the tracker records it.
   */
  setState(
    number: number,
    state: IssueState,
    reason?: CloseReason,
    duplicateOf?: number,
  ): Promise<void>;

  /**
   * Adds assignees (never removes: people may have been assigned by hand). Checked as in
   * createIssue; refused logins are returned, not thrown. Idempotent.
   */
  addAssignees(
    number: number,
    logins: readonly string[],
  ): Promise<readonly { readonly login: string; readonly reason: string }[]>;

  /** NOT idempotent: one attempt, as createIssue. */
  comment(number: number, body: string): Promise<void>;

  /** Comments on an issue, oldest first (Pagure's own metadata-change notes left out). */
  listComments(number: number): Promise<readonly RemoteComment[]>;

  /** One issue, or null if it does not exist (deleted, transferred). Conditional where possible. */
  getIssue(number: number): Promise<RemoteIssue | null>;

  /** Listing with every page followed. Conditional where possible (see ListResult). */
  listIssues(options: ListOptions): Promise<ListResult>;
}
